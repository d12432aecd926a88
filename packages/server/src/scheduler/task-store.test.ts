import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratePlugin } from '../database/index.js';
import { createTestDatabase, testDatabaseIds, type TestDatabase } from '../testing/databases.js';
import { schedulerMigrations } from './migrations.js';
import type { SchedulerTables } from './tables.js';
import { TaskStore } from './task-store.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testDatabaseIds())('TaskStore on %s', (dialect) => {
  let database: TestDatabase;
  let store: TaskStore;
  let db: Kysely<SchedulerTables>;

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    await migratePlugin(database, 'kernel', schedulerMigrations);
    store = new TaskStore(database);
    db = database.kysely as unknown as Kysely<SchedulerTables>;
  });

  afterEach(async () => {
    await database.close();
  });

  const row = (id: string) => db.selectFrom('kernel_scheduled_tasks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('plans the first run after the initial delay and keeps the plan when a replica registers again', async () => {
    const before = Date.now();
    await store.register({ id: 'p.task', frequencyMs: 60_000, initialDelayMs: 5_000 });
    const first = await row('p.task');
    expect(first.next_run_at).toBeGreaterThanOrEqual(before + 5_000 - 5);
    expect(first.next_run_at).toBeLessThanOrEqual(Date.now() + 5_000 + 5);

    await sleep(20);
    await store.register({ id: 'p.task', frequencyMs: 60_000, initialDelayMs: 5_000 });
    expect((await row('p.task')).next_run_at).toBe(first.next_run_at);

    await store.register({ id: 'p.task', frequencyMs: 30_000, initialDelayMs: 0 });
    const replanned = await row('p.task');
    expect(replanned.frequency_ms).toBe(30_000);
    expect(replanned.next_run_at).toBeLessThan(first.next_run_at - 4_000);
  });

  it('lets exactly one owner claim a due task until the lease expires', async () => {
    await store.register({ id: 'p.task', frequencyMs: 60_000, initialDelayMs: 0 });
    const startedAt = await store.claim({ id: 'p.task', owner: 'a:1', leaseMs: 100, force: false });
    expect(startedAt).toBeTypeOf('number');
    expect(await store.claim({ id: 'p.task', owner: 'b:1', leaseMs: 100, force: false })).toBeUndefined();
    expect(await store.claim({ id: 'p.task', owner: 'b:1', leaseMs: 100, force: true })).toBeUndefined();

    await sleep(150);
    expect(await store.claim({ id: 'p.task', owner: 'b:2', leaseMs: 100, force: false })).toBeTypeOf('number');
    expect((await row('p.task')).lease_owner).toBe('b:2');
    // The first owner lost its lease: it can neither renew nor finish the run.
    expect(await store.renew({ id: 'p.task', owner: 'a:1', leaseMs: 100, deadline: Date.now() + 1_000 })).toBe(false);
    expect(await store.finish({ id: 'p.task', owner: 'a:1', error: undefined, advance: true })).toBe(false);
  });

  it('claims a task that is not due only when forced', async () => {
    await store.register({ id: 'p.task', frequencyMs: 60_000, initialDelayMs: 60_000 });
    expect(await store.claim({ id: 'p.task', owner: 'a:1', leaseMs: 1_000, force: false })).toBeUndefined();
    expect(await store.claim({ id: 'p.task', owner: 'a:1', leaseMs: 1_000, force: true })).toBeTypeOf('number');
  });

  it('renews a lease but never past the run deadline', async () => {
    await store.register({ id: 'p.task', frequencyMs: 60_000, initialDelayMs: 0 });
    const startedAt = (await store.claim({ id: 'p.task', owner: 'a:1', leaseMs: 100, force: false }))!;
    expect(await store.renew({ id: 'p.task', owner: 'a:1', leaseMs: 10_000, deadline: startedAt + 50_000 })).toBe(true);
    const renewed = (await row('p.task')).lease_expires_at!;
    expect(renewed).toBeGreaterThanOrEqual(startedAt + 10_000);
    expect(renewed).toBeLessThan(startedAt + 11_000);

    expect(await store.renew({ id: 'p.task', owner: 'a:1', leaseMs: 10_000, deadline: startedAt + 300 })).toBe(true);
    expect((await row('p.task')).lease_expires_at).toBe(startedAt + 300);
  });

  it('plans the next run one frequency after the start and records the outcome', async () => {
    await store.register({ id: 'p.task', frequencyMs: 60_000, initialDelayMs: 0 });
    const startedAt = (await store.claim({ id: 'p.task', owner: 'a:1', leaseMs: 1_000, force: false }))!;
    expect(await store.finish({ id: 'p.task', owner: 'a:1', error: new Error('boom'), advance: true })).toBe(true);
    const finished = await row('p.task');
    expect(finished).toMatchObject({
      next_run_at: startedAt + 60_000,
      lease_owner: null,
      lease_expires_at: null,
      last_run_started_at: startedAt,
      last_run_error: 'boom',
    });
    expect(finished.last_run_ended_at).toBeGreaterThanOrEqual(startedAt);
    expect(await store.claim({ id: 'p.task', owner: 'b:1', leaseMs: 1_000, force: false })).toBeUndefined();
  });

  it('leaves an interrupted run due so that another replica takes it at once', async () => {
    await store.register({ id: 'p.task', frequencyMs: 60_000, initialDelayMs: 0 });
    await store.claim({ id: 'p.task', owner: 'a:1', leaseMs: 1_000, force: false });
    expect(await store.finish({ id: 'p.task', owner: 'a:1', error: new Error('aborted'), advance: false })).toBe(true);
    expect(await store.claim({ id: 'p.task', owner: 'b:1', leaseMs: 1_000, force: false })).toBeTypeOf('number');
  });

  it('reports timings in database time', async () => {
    await store.register({ id: 'p.a', frequencyMs: 1_000, initialDelayMs: 2_000 });
    await store.register({ id: 'p.b', frequencyMs: 1_000, initialDelayMs: 0 });
    await store.claim({ id: 'p.b', owner: 'a:1', leaseMs: 500, force: false });
    const timings = await store.timings(['p.a', 'p.b', 'p.missing']);
    expect(timings.map((timing) => timing.id).sort()).toEqual(['p.a', 'p.b']);
    const a = timings.find((timing) => timing.id === 'p.a')!;
    const b = timings.find((timing) => timing.id === 'p.b')!;
    expect(a.nextRunAt - a.now).toBeGreaterThan(1_900);
    expect(a.leaseExpiresAt).toBeNull();
    expect(b.leaseExpiresAt! - b.now).toBeGreaterThan(400);
    expect(Math.abs(a.now - Date.now())).toBeLessThan(1_000);
    expect(await store.timings([])).toEqual([]);
  });
});
