import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { peerHarnessDir } from './paths.js';
import { finishedRuns, medianOf, parseJsonLines, readJsonLinesFile, runError, selectPeerRuns } from './results.js';

const recorded = readJsonLinesFile(path.join(peerHarnessDir, 'results.jsonl'));

describe('selectPeerRuns on the peer results recorded on 2026-11-27', () => {
  it('folds the four default 1k in-memory runs into medians', () => {
    const selection = selectPeerRuns(recorded, 1000, 'memory', 'recorded');
    expect(selection?.summary.runIds).toHaveLength(4);
    expect(selection?.summary.config).toBe('-');
    expect(selection?.source).toBe('recorded: median of 4 runs, memory SQLite, default config');
    // RESULTS.md headline: 15.2 s [14.1-17.7], 423 MB peak
    expect(selection?.summary.ingest.fullyProcessedS).toBeCloseTo(15.18, 1);
    expect(selection?.summary.peakRssMb).toBeCloseTo(423.2, 0);
    expect(selection?.summary.ingest.complete).toBe(true);
  });

  it('uses the tuned overlay at 100k, where no default run exists, and says so', () => {
    const selection = selectPeerRuns(recorded, 100_000, 'memory', 'recorded');
    expect(selection?.summary.config).toBe('app-config.tuned.yaml');
    expect(selection?.source).toContain('no default-config run at this N');
    expect(selection?.summary.ingest.fullyProcessedS).toBeCloseTo(2194.6, 0);
    expect(selection?.summary.queries['by-query-filter']?.p50).toBeCloseTo(590.71, 1);
    // 60.7 CPU-s over 99 runs
    expect(selection?.summary.queries['by-query-filter']?.cpuMs).toBeCloseTo(613.1, 0);
  });

  it('takes the default 50k run (not the tuned one) and leaves out the components-first experiment at 10k', () => {
    expect(selectPeerRuns(recorded, 50_000, 'memory', 'recorded')?.summary.ingest.fullyProcessedS).toBeCloseTo(1124.6, 0);
    const tenK = selectPeerRuns(recorded, 10_000, 'memory', 'recorded');
    expect(tenK?.summary.runIds).toHaveLength(2);
    expect(tenK?.summary.runIds.some((id) => id.includes('cfirst'))).toBe(false);
  });

  it('compares PostgreSQL with the in-memory SQLite runs and a SQLite file with the file run', () => {
    expect(selectPeerRuns(recorded, 1000, 'pg', 'recorded')?.source).toContain('the peer has no PostgreSQL run');
    const file = selectPeerRuns(recorded, 10_000, 'file', 'recorded');
    expect(file?.summary.db).toBe('file');
    expect(file?.summary.config).toBe('-');
    expect(file?.summary.ingest.fullyProcessedS).toBeCloseTo(316.6, 0);
  });

  it('has nothing at a size the peer never ran', () => {
    expect(selectPeerRuns(recorded, 2000, 'memory', 'recorded')).toBeNull();
  });
});

describe('finishedRuns', () => {
  it('keeps only runs that reached their memory line and reports the error of one that did not', () => {
    const lines = parseJsonLines(
      [
        JSON.stringify({ type: 'run', run: 'a', n: 20, db: 'memory', config: ['--config', 'app-config.yaml'] }),
        JSON.stringify({ type: 'memory', run: 'a', n: 20, db: 'memory', peak_rss_mb: 100 }),
        JSON.stringify({ type: 'run', run: 'b', n: 20, db: 'memory' }),
        JSON.stringify({ type: 'error', run: 'b', n: 20, db: 'memory', message: 'backend exited' }),
        '',
      ].join('\n'),
    );
    const runs = finishedRuns(lines, 'Portico');
    expect(runs.map((run) => run.runIds[0])).toEqual(['a']);
    expect(runs[0]?.ingest.complete).toBe(false);
    expect(runError(lines, 'b')).toBe('backend exited');
  });

  it('medianOf counts a load failure if any folded run had one', () => {
    const [one] = finishedRuns(selectLines('17:03'), 'Backstage');
    const [two] = finishedRuns(selectLines('16:40'), 'Backstage');
    const folded = medianOf([one!, two!]);
    expect(folded.loads['by-query-filter']?.failures).toBe(2);
  });
});

function selectLines(time: string) {
  return recorded.filter((line) => String(line.run).includes(`T${time}`));
}
