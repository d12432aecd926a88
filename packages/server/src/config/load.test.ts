import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError } from './errors.js';
import { loadConfig, parseSection } from './load.js';
import { maskSecrets } from './mask.js';
import { coreConfigSchema } from './schema.js';
import { findUnknownKeys } from './unknown-keys.js';

let dir: string;
const write = (name: string, text: string): string => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-config-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('loadConfig', () => {
  it('merges files in order: objects key by key, arrays replaced', () => {
    const base = write('base.yaml', 'app:\n  title: Base\nbackend:\n  listen:\n    port: 7100\nplugins: [a, b]\n');
    const top = write('top.yaml', 'backend:\n  listen:\n    host: 127.0.0.1\nplugins: [c]\n');
    const config = loadConfig({ files: [base, top], cwd: dir, env: {} });
    expect(config.core.app.title).toBe('Base');
    expect(config.core.backend.listen).toEqual({ port: 7100, host: '127.0.0.1' });
    expect(config.core.plugins).toEqual(['c']);
    expect(config.originOf('backend.listen.host')).toBe(top);
    expect(config.originOf('backend.listen.port')).toBe(base);
  });

  it('reads app-config.yaml and then portico.yaml when no file is named', () => {
    write('app-config.yaml', 'app:\n  title: From Backstage\nbackend:\n  listen:\n    port: 7200\n');
    write('portico.yaml', 'app:\n  title: From Portico\n');
    const config = loadConfig({ cwd: dir, env: {} });
    expect(config.files.map((file) => path.basename(file))).toEqual(['app-config.yaml', 'portico.yaml']);
    expect(config.core.app.title).toBe('From Portico');
    expect(config.core.backend.listen.port).toBe(7200);
  });

  it('applies defaults when there is no config at all', () => {
    const config = loadConfig({ cwd: dir, env: {} });
    expect(config.core.backend.listen.port).toBe(7007);
    expect(config.core.backend.database.client).toBe('sqlite');
    expect(config.core.app.title).toBe('Portico');
  });

  it('substitutes ${VAR}, keeps $${ as a literal and unsets values whose variable is missing', () => {
    const file = write(
      'c.yaml',
      [
        'app:',
        '  title: ${TITLE}',
        '  baseUrl: http://${HOST}:7007/x',
        'custom:',
        '  literal: $${NOT_A_VAR}',
        '  missing: ${NOPE}',
        '  fromEnv:',
        '    $env: TITLE',
      ].join('\n'),
    );
    const config = loadConfig({ files: [file], cwd: dir, env: { TITLE: 'Acme portal', HOST: 'portal.acme' } });
    expect(config.core.app.title).toBe('Acme portal');
    expect(config.core.app.baseUrl).toBe('http://portal.acme:7007/x');
    expect(config.get('custom.literal')).toBe('${NOT_A_VAR}');
    expect(config.get('custom.missing')).toBeUndefined();
    expect(config.get('custom.fromEnv')).toBe('Acme portal');
    expect(config.warnings).toEqual([`custom.missing: environment variable NOPE is not set (${file})`]);
  });

  it('reads $file includes relative to the config file', () => {
    write('secret.txt', 's3cret\n');
    const file = write('c.yaml', 'custom:\n  token:\n    $file: secret.txt\n');
    expect(loadConfig({ files: [file], cwd: dir, env: {} }).get('custom.token')).toBe('s3cret');
  });

  it('lets environment variables override keys, keeping numbers as numbers', () => {
    const file = write('c.yaml', 'backend:\n  listen:\n    port: 7100\n');
    const config = loadConfig({
      files: [file],
      cwd: dir,
      env: { APP_CONFIG_backend_listen_port: '7300', PORTICO_CONFIG_app_title: 'Env title' },
    });
    expect(config.core.backend.listen.port).toBe(7300);
    expect(config.core.app.title).toBe('Env title');
    expect(config.originOf('backend.listen.port')).toBe('environment');
  });

  it('stops with one message naming the key, the expectation and the file', () => {
    const file = write('bad.yaml', 'backend:\n  listen:\n    port: seventy\n');
    expect(() => loadConfig({ files: [file], cwd: dir, env: {} })).toThrow(ConfigError);
    expect(() => loadConfig({ files: [file], cwd: dir, env: {} })).toThrow(
      new RegExp(`backend\\.listen\\.port: .*number.*\\(from ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`),
    );
  });

  it('names the file, line and column of a YAML syntax error', () => {
    const file = write('broken.yaml', 'app:\n  title: [unclosed\n');
    expect(() => loadConfig({ files: [file], cwd: dir, env: {} })).toThrow(/Invalid YAML in .*broken\.yaml:\d+:\d+/);
  });

  it('refuses a file whose top level is not a mapping', () => {
    const file = write('list.yaml', '- a\n- b\n');
    expect(() => loadConfig({ files: [file], cwd: dir, env: {} })).toThrow(/must hold a mapping/);
  });

  it('refuses a YAML alias bomb instead of expanding it', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 12; level++) {
      const prev = String.fromCharCode(96 + level);
      const next = String.fromCharCode(97 + level);
      lines.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const file = write('bomb.yaml', `${lines.join('\n')}\n`);
    expect(() => loadConfig({ files: [file], cwd: dir, env: {} })).toThrow(/alias/i);
  });

  it('ignores prototype keys instead of polluting objects', () => {
    const file = write('proto.yaml', '__proto__:\n  polluted: true\napp:\n  title: ok\n');
    const config = loadConfig({ files: [file], cwd: dir, env: {} });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(config.core.app.title).toBe('ok');
  });
});

describe('parseSection', () => {
  it('names every bad key of a plugin section under the plugin id', () => {
    const schema = z.object({ interval: z.number(), name: z.string() });
    expect(() => parseSection(schema, { interval: 'soon' }, 'catalog', { originOf: () => undefined })).toThrow(
      /catalog\.interval: .*number[\s\S]*catalog\.name: /,
    );
  });
});

describe('findUnknownKeys', () => {
  it('lists keys no schema declares, without descending into free-form maps', () => {
    const unknown = findUnknownKeys(
      { app: { title: 'x', colour: 'red' }, backend: { listen: { port: 1, hots: 'x' } }, techdocs: {} },
      coreConfigSchema,
    );
    expect(unknown).toEqual(['app.colour', 'backend.listen.hots', 'techdocs']);
  });
});

describe('maskSecrets', () => {
  it('masks secret-looking keys and passwords inside connection URLs', () => {
    const masked = maskSecrets({
      backend: {
        database: { connection: 'postgres://portico:hunter2@db:5432/portico' },
        auth: { keys: [{ secret: 'abc' }] },
      },
      github: { token: 'ghp_x', clientSecret: 'y', host: 'github.com' },
    });
    expect(JSON.stringify(masked)).not.toMatch(/hunter2|abc|ghp_x|"y"/);
    expect(masked).toEqual({
      backend: { database: { connection: 'postgres://portico:***@db:5432/portico' }, auth: { keys: [{ secret: '***' }] } },
      github: { token: '***', clientSecret: '***', host: 'github.com' },
    });
  });
});
