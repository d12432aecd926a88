import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@portico/server/testing';
import type { Kysely } from 'kysely';
import type { ScaffolderTables } from '../database/tables.js';
import { locationFile, startScaffolder, type StartedScaffolder } from '../test-fixtures/start-scaffolder.js';
import { TestProbe, testActionsPlugin } from '../test-fixtures/test-actions.js';

const slowTemplate = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: slow
spec:
  type: test
  steps:
    - id: work
      action: test:record
      input:
        task: \${{ context.task.id }}
        label: work
        delayMs: 150
`;

describe('two replicas on one PostgreSQL database', () => {
  let database: TestDatabase;
  const replicas: StartedScaffolder[] = [];
  const probe = new TestProbe();

  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await database?.close();
  });

  it('run every task exactly once between them, both taking a share', { timeout: 90_000 }, async () => {
    database = await createTestDatabase('pg');
    const first = await startScaffolder('pg', {
      database,
      files: { 'all.yaml': locationFile(['slow.yaml']), 'slow.yaml': slowTemplate },
      plugins: [testActionsPlugin(probe, 'a')],
      config: { scaffolder: { concurrentTasksLimit: 3 } },
    });
    replicas.push(first);
    replicas.push(await startScaffolder('pg', { database, dir: first.dir, plugins: [testActionsPlugin(probe, 'b')], config: { scaffolder: { concurrentTasksLimit: 3 } } }));
    await first.waitForEntity('template:default/slow');

    // Created through both replicas, so both are woken and race for the same rows.
    const ids = await Promise.all(Array.from({ length: 30 }, (_, index) => replicas[index % 2]!.createTask('template:default/slow', {})));
    for (const id of ids) expect((await first.waitForStatus(id, ['completed', 'failed'], 30_000)).status).toBe('completed');

    const runsByTask = new Map<string, string[]>();
    for (const run of probe.runs) runsByTask.set(run.task, [...(runsByTask.get(run.task) ?? []), run.replica]);
    expect([...runsByTask.keys()].sort()).toEqual([...ids].sort());
    expect([...runsByTask.values()].every((replicasOfTask) => replicasOfTask.length === 1)).toBe(true);
    const shares = { a: probe.runs.filter((run) => run.replica === 'a').length, b: probe.runs.filter((run) => run.replica === 'b').length };
    expect(shares.a + shares.b).toBe(30);
    expect(shares.a).toBeGreaterThan(0);
    expect(shares.b).toBeGreaterThan(0);

    const db = first.kernel.connection.kysely as unknown as Kysely<ScaffolderTables>;
    const rows = await db.selectFrom('scaffolder_tasks').select(['id', 'attempts', 'status']).execute();
    expect(rows.every((row) => row.attempts === 1 && row.status === 'completed')).toBe(true);
    const completions = await db
      .selectFrom('scaffolder_task_events')
      .select(['task_id'])
      .where('event_type', '=', 'completion')
      .execute();
    expect(completions.map((row) => row.task_id).sort()).toEqual([...ids].sort());
  });
});
