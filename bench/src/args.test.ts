import { describe, expect, it } from 'vitest';
import { parseBenchArgs, UsageError } from './args.js';

describe('parseBenchArgs', () => {
  it('defaults to the peer harness settings at 1000 entities, reading recorded peer results', () => {
    const options = parseBenchArgs(['catalog']);
    expect(options).toMatchObject({
      entities: 1000, db: 'memory', peer: 'results', iterations: 200, warmup: 10, loadSeconds: 10, connections: 10,
      ingestTimeoutSeconds: 1800, maxQuerySeconds: 60, pollMs: 250, maxPollMs: 5000, build: true, keepRunning: false,
    });
  });

  it('reads the documented command line', () => {
    const options = parseBenchArgs([
      'catalog', '--entities', '100000', '--db', 'pg', '--peer=none', '--overlay', 'a.yaml', '--overlay', 'b.yaml',
      '--catalog', '/tmp/c', '--no-build', '--keep-running', '--port', '7300', '--load-seconds=5',
    ]);
    expect(options).toMatchObject({
      entities: 100000, db: 'pg', peer: 'none', overlays: ['a.yaml', 'b.yaml'], catalogDir: '/tmp/c',
      build: false, keepRunning: true, port: 7300, loadSeconds: 5,
    });
  });

  it('accepts the peer harness spelling --n', () => {
    expect(parseBenchArgs(['catalog', '--n', '50000']).entities).toBe(50000);
  });

  it('names the option and the bad value', () => {
    expect(() => parseBenchArgs(['catalog', '--entities', 'lots'])).toThrow("--entities must be a positive whole number, not 'lots'");
    expect(() => parseBenchArgs(['catalog', '--db', 'mysql'])).toThrow("--db must be one of memory, file, pg, not 'mysql'");
    expect(() => parseBenchArgs(['catalog', '--peer', 'maybe'])).toThrow(/--peer must be one of results, run, none/);
    expect(() => parseBenchArgs(['catalog', '--entities'])).toThrow('--entities needs a value');
    expect(() => parseBenchArgs(['catalog', '--entities', '--db'])).toThrow('--entities needs a value');
    expect(() => parseBenchArgs(['catalog', '--entities', '10'])).toThrow(/at least 20/);
    expect(() => parseBenchArgs(['catalog', '--poll-ms', '9000'])).toThrow(/--poll-ms must not exceed/);
    expect(() => parseBenchArgs(['catalog', '--fast'])).toThrow(/Unknown option --fast/);
    expect(() => parseBenchArgs(['catalog', '--peer', 'run', '--keep-running'])).toThrow(/machine to itself/);
    expect(() => parseBenchArgs(['catalog', '--peer', 'run', '--port', '7007'])).toThrow(/peer harness's port/);
  });

  it('asks for a known benchmark', () => {
    expect(() => parseBenchArgs(['search'])).toThrow(UsageError);
    expect(() => parseBenchArgs(['search'])).toThrow(/Unknown benchmark 'search'/);
    expect(() => parseBenchArgs([])).toThrow(/Usage: npm run bench -- catalog/);
  });
});
