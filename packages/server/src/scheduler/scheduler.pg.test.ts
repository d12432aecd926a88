import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { captureLogs, levels } from './test-fixtures/log-capture.js';
import { gapsBetween, Replicas, runSharedTask } from './test-fixtures/replicas.js';

describe('scheduler with two replicas on one PostgreSQL database', () => {
  let replicas: Replicas;

  beforeEach(async () => {
    replicas = await Replicas.create('pg');
  });

  afterEach(async () => {
    await replicas.close();
  });

  it('runs a global task once per interval in total, never on both replicas at once', async () => {
    const { logger, records } = captureLogs();
    const report = await runSharedTask(replicas, logger, { frequencyMs: 1_000, durationMs: 4_500, runMs: 100 });

    // Runs at 0, 1, 2, 3 and 4 s: one per interval, not one per replica per interval.
    expect(report.starts).toHaveLength(5);
    expect((report.byReplica.a ?? 0) + (report.byReplica.b ?? 0)).toBe(5);
    for (const gap of gapsBetween(report.starts)) {
      expect(gap).toBeGreaterThanOrEqual(990);
      expect(gap).toBeLessThan(1_500);
    }
    expect(report.maxConcurrent).toBe(1);
    expect(records.filter((record) => record.level >= levels.warn)).toEqual([]);
  });
});
