import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratePlugin } from '@portico/server';
import { createTestDatabase, testDatabaseIds, type TestDatabase } from '@portico/server/testing';
import { sql, type Kysely } from 'kysely';
import { scaffolderMigrations } from '../migrations/index.js';
import type { ScaffolderTables } from '../tables.js';
import { claimNextTask } from './claim-next-task.js';
import { scaffolderDb, type ScaffolderDb } from './context.js';
import { expireLeases } from './expire-leases.js';
import { appendTaskEvents, listTaskEvents } from './task-events.js';
import { getTaskSecrets, purgeTaskSecrets, putTaskSecrets } from './task-secrets.js';
import { finishTask, heartbeatTasks, insertTask, listTasks } from './tasks.js';

describe.each(testDatabaseIds())('scaffolder task operations on %s', (dialect) => {
  let database: TestDatabase;
  let sdb: ScaffolderDb;
  let db: Kysely<ScaffolderTables>;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    // Dropping the test database ends this pool's connections from the server side.
    database.pgPool?.on('error', () => undefined);
    await migratePlugin(database, 'scaffolder', scaffolderMigrations);
    db = database.kysely as unknown as Kysely<ScaffolderTables>;
    sdb = scaffolderDb(db, dialect);
  });
  afterEach(() => database.close());

  const newTask = (id: string, extra: Partial<Parameters<typeof insertTask>[1]> = {}) =>
    insertTask(sdb, { id, spec: '{}', templateRef: 'template:default/t', createdBy: 'user:default/ada', secretsKeyId: undefined, recoveryStrategy: undefined, ...extra });

  it('hands out open tasks oldest first, each to exactly one of many concurrent claims', async () => {
    for (let index = 0; index < 12; index++) {
      await newTask(`task-${String(index).padStart(2, '0')}`);
      await db.updateTable('scaffolder_tasks').set({ created_at: 1_000 + index }).where('id', '=', `task-${String(index).padStart(2, '0')}`).execute();
    }
    const claims = await Promise.all(
      Array.from({ length: 20 }, (_, index) => claimNextTask(sdb, { owner: `worker-${index % 4}`, leaseMs: 30_000, keyId: 'k' })),
    );
    const claimed = claims.filter((row) => row !== undefined).map((row) => row.id);
    expect(claimed).toHaveLength(12);
    expect(new Set(claimed).size).toBe(12);
    const rows = await db.selectFrom('scaffolder_tasks').selectAll().orderBy('id').execute();
    expect(rows.every((row) => row.status === 'processing' && row.attempts === 1 && row.lease_owner?.startsWith('worker-'))).toBe(true);
    expect(rows.every((row) => Number(row.lease_expires_at) > Date.now() + 20_000)).toBe(true);
    // Sequential claims take the oldest first.
    const fresh = await createTestDatabase(dialect);
    fresh.pgPool?.on('error', () => undefined);
    try {
      await migratePlugin(fresh, 'scaffolder', scaffolderMigrations);
      const freshDb = scaffolderDb(fresh.kysely as unknown as Kysely<ScaffolderTables>, dialect);
      for (const [id, at] of [['young', 3_000], ['old', 1_000], ['middle', 2_000]] as const) {
        await insertTask(freshDb, { id, spec: '{}', templateRef: 't', createdBy: undefined, secretsKeyId: undefined, recoveryStrategy: undefined });
        await freshDb.db.updateTable('scaffolder_tasks').set({ created_at: at }).where('id', '=', id).execute();
      }
      const order = [];
      for (let index = 0; index < 3; index++) order.push((await claimNextTask(freshDb, { owner: 'w', leaseMs: 1000, keyId: 'k' }))?.id);
      expect(order).toEqual(['old', 'middle', 'young']);
      expect(await claimNextTask(freshDb, { owner: 'w', leaseMs: 1000, keyId: 'k' })).toBeUndefined();
    } finally {
      await fresh.close();
    }
  });

  it('leaves tasks whose secrets need another key to the workers that have it', async () => {
    await newTask('sealed', { secretsKeyId: 'shared:abc' });
    await newTask('plain');
    expect((await claimNextTask(sdb, { owner: 'w1', leaseMs: 1000, keyId: 'shared:other' }))?.id).toBe('plain');
    expect(await claimNextTask(sdb, { owner: 'w1', leaseMs: 1000, keyId: 'shared:other' })).toBeUndefined();
    expect((await claimNextTask(sdb, { owner: 'w2', leaseMs: 1000, keyId: 'shared:abc' }))?.id).toBe('sealed');
  });

  it('renews only the leases of tasks a worker runs or holds open, and lets only the holder finish a task', async () => {
    await newTask('a');
    await newTask('b');
    await claimNextTask(sdb, { owner: 'w1', leaseMs: 1000, keyId: 'k' });
    await claimNextTask(sdb, { owner: 'w2', leaseMs: 1000, keyId: 'k' });
    await newTask('held', { holdFor: { owner: 'w1', leaseMs: 1000 } });
    await newTask('forgotten');
    await db.updateTable('scaffolder_tasks').set({ status: 'processing', lease_owner: 'w1', lease_expires_at: 5 }).where('id', '=', 'forgotten').execute();
    await db.updateTable('scaffolder_tasks').set({ cancel_requested: 1 }).where('lease_owner', '=', 'w1').where('id', 'in', ['a', 'b']).execute();
    const w1Task = (await db.selectFrom('scaffolder_tasks').select('id').where('lease_owner', '=', 'w1').where('id', 'in', ['a', 'b']).executeTakeFirstOrThrow()).id;
    const w2Task = w1Task === 'a' ? 'b' : 'a';
    const held = await heartbeatTasks(sdb, { owner: 'w1', leaseMs: 60_000, running: [w1Task] });
    expect(held.sort((x, y) => x.id.localeCompare(y.id))).toEqual(
      [
        { id: w1Task, status: 'processing', cancelRequested: true },
        { id: 'held', status: 'open', cancelRequested: false },
      ].sort((x, y) => x.id.localeCompare(y.id)),
    );
    // A processing task leased to w1 that w1 does not run is left to expire.
    expect(Number((await db.selectFrom('scaffolder_tasks').select('lease_expires_at').where('id', '=', 'forgotten').executeTakeFirstOrThrow()).lease_expires_at)).toBe(5);
    expect(await finishTask(sdb, { id: w2Task, owner: 'w1', status: 'completed', state: null })).toBe(false);
    expect(await finishTask(sdb, { id: w1Task, owner: 'w1', status: 'completed', state: '{"output":{}}' })).toBe(true);
    const row = await db.selectFrom('scaffolder_tasks').selectAll().where('id', '=', w1Task).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: 'completed', lease_owner: null, lease_expires_at: null, state: '{"output":{}}' });
    expect(Number(row.completed_at)).toBeGreaterThan(0);
    expect(await finishTask(sdb, { id: w1Task, owner: 'w1', status: 'failed', state: null })).toBe(false);
  });

  it('fails or restarts each expired task exactly once, however many replicas look at the same time', async () => {
    await newTask('plain-dead');
    await newTask('restartable', { recoveryStrategy: 'startOver' });
    await newTask('restartable-local-secrets', { recoveryStrategy: 'startOver', secretsKeyId: 'local:x' });
    await newTask('alive');
    await newTask('held-open', { secretsKeyId: 'local:y', holdFor: { owner: 'gone', leaseMs: 1 } });
    await db
      .updateTable('scaffolder_tasks')
      .set({ status: 'processing', lease_owner: 'gone', lease_expires_at: sql<number>`${Date.now() - 5_000}` })
      .where('id', 'in', ['plain-dead', 'restartable', 'restartable-local-secrets'])
      .execute();
    await db.updateTable('scaffolder_tasks').set({ status: 'processing', lease_owner: 'w', lease_expires_at: sql<number>`${Date.now() + 60_000}` }).where('id', '=', 'alive').execute();
    await new Promise((resolve) => setTimeout(resolve, 20));

    const results = await Promise.all(Array.from({ length: 6 }, () => expireLeases(sdb, { sharedKeyId: undefined })));
    const all = (key: 'restarted' | 'failed' | 'orphaned') => results.flatMap((result) => result[key]).sort();
    expect(all('restarted')).toEqual(['restartable']);
    expect(all('failed')).toEqual(['plain-dead', 'restartable-local-secrets']);
    expect(all('orphaned')).toEqual(['held-open']);
    const statuses = Object.fromEntries((await db.selectFrom('scaffolder_tasks').select(['id', 'status']).execute()).map((row) => [row.id, row.status]));
    expect(statuses).toEqual({ 'plain-dead': 'failed', restartable: 'open', 'restartable-local-secrets': 'failed', alive: 'processing', 'held-open': 'failed' });
    const failedState = await db.selectFrom('scaffolder_tasks').select('state').where('id', '=', 'plain-dead').executeTakeFirstOrThrow();
    expect(JSON.parse(failedState.state!).error.name).toBe('WorkerLostError');
  });

  it('keeps events in order per task and pages them with `after`', async () => {
    await newTask('t1');
    await newTask('t2');
    await appendTaskEvents(sdb, [
      { taskId: 't1', type: 'log', body: { message: 'one' }, createdAt: 1 },
      { taskId: 't2', type: 'log', body: { message: 'other' }, createdAt: 1 },
      { taskId: 't1', type: 'log', body: { message: 'two', stepId: 's' }, createdAt: 2 },
      { taskId: 't1', type: 'completion', body: { message: 'done', status: 'completed' }, createdAt: 3 },
    ]);
    const events = await listTaskEvents(sdb, 't1', undefined);
    expect(events.map((event) => JSON.parse(event.body).message)).toEqual(['one', 'two', 'done']);
    expect((await listTaskEvents(sdb, 't1', Number(events[0]!.id))).map((event) => event.event_type)).toEqual(['log', 'completion']);
  });

  it('drops secrets of finished tasks, and those of failed tasks after the retention', async () => {
    for (const [id, status] of [['done', 'completed'], ['recent-failure', 'failed'], ['old-failure', 'failed'], ['running', 'processing']] as const) {
      await newTask(id);
      await db.updateTable('scaffolder_tasks').set({ status, completed_at: id === 'old-failure' ? Date.now() - 10 * 3_600_000 : Date.now() }).where('id', '=', id).execute();
      await putTaskSecrets(sdb, { taskId: id, ciphertext: 'sealed', keyId: 'k' });
    }
    expect(await purgeTaskSecrets(sdb, 3_600_000)).toBe(2);
    expect(await getTaskSecrets(sdb, 'done')).toBeUndefined();
    expect(await getTaskSecrets(sdb, 'old-failure')).toBeUndefined();
    expect(await getTaskSecrets(sdb, 'recent-failure')).toEqual({ ciphertext: 'sealed', keyId: 'k' });
    expect(await getTaskSecrets(sdb, 'running')).toEqual({ ciphertext: 'sealed', keyId: 'k' });
    const { rows, total } = await listTasks(sdb, { status: ['failed'], limit: 1, offset: 0, order: 'desc' });
    expect(total).toBe(2);
    expect(rows).toHaveLength(1);
  });
});
