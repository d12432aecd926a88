import { ConflictError, InputError, NotFoundError } from '@portico/model';
import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabaseIds } from '../testing/databases.js';
import type { SchedulerTables } from './tables.js';
import { captureLogs, levels, type LogRecord } from './test-fixtures/log-capture.js';
import { gapsBetween, Replicas, runSharedTask, sleep } from './test-fixtures/replicas.js';

describe.each(testDatabaseIds())('scheduler on %s', (dialect) => {
  let replicas: Replicas;
  let logger: ReturnType<typeof captureLogs>['logger'];
  let records: LogRecord[];

  beforeEach(async () => {
    replicas = await Replicas.create(dialect);
    ({ logger, records } = captureLogs());
  });

  afterEach(async () => {
    await replicas.close();
  });

  const taskRow = (id: string) =>
    (replicas.database.kysely as unknown as Kysely<SchedulerTables>)
      .selectFrom('kernel_scheduled_tasks')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();

  it('runs a global task once per frequency, starting only after start()', async () => {
    const scheduler = replicas.scheduler(logger, 'a');
    const starts: number[] = [];
    scheduler.forPlugin('test').schedule({ id: 'tick', frequency: 200, fn: async () => void starts.push(Date.now()) });
    await sleep(150);
    expect(starts).toHaveLength(0);

    scheduler.start();
    await sleep(1_100);
    await scheduler.stop();
    expect(starts.length).toBeGreaterThanOrEqual(5);
    expect(starts.length).toBeLessThanOrEqual(6);
    for (const gap of gapsBetween(starts)) expect(gap).toBeGreaterThanOrEqual(190);
    const row = await taskRow('test.tick');
    expect(row).toMatchObject({ frequency_ms: 200, lease_owner: null, last_run_error: null });
    expect(row.next_run_at).toBe(row.last_run_started_at! + 200);
  });

  it('waits for the initial delay before the first run', async () => {
    const scheduler = replicas.scheduler(logger, 'a');
    const starts: number[] = [];
    scheduler.forPlugin('test').schedule({ id: 'late', frequency: 10_000, initialDelay: { milliseconds: 300 }, fn: async () => void starts.push(Date.now()) });
    const startedAt = Date.now();
    scheduler.start();
    await expect.poll(() => starts.length, { timeout: 2_000, interval: 10 }).toBe(1);
    expect(starts[0]! - startedAt).toBeGreaterThanOrEqual(290);
  });

  it('keeps running a task after runs fail, logging each failure with the task id', async () => {
    const scheduler = replicas.scheduler(logger, 'a');
    let calls = 0;
    scheduler.forPlugin('test').schedule({
      id: 'flaky',
      frequency: 100,
      fn: async () => {
        calls += 1;
        if (calls <= 2) throw new Error(`boom ${calls}`);
      },
    });
    scheduler.start();
    await expect.poll(() => calls, { timeout: 3_000, interval: 10 }).toBeGreaterThanOrEqual(4);
    await scheduler.stop();

    const failures = records.filter((record) => record.level === levels.error);
    expect(failures.map((record) => [record.taskId, record.err?.message, record.msg])).toEqual([
      ['test.flaky', 'boom 1', "Task 'test.flaky' failed"],
      ['test.flaky', 'boom 2', "Task 'test.flaky' failed"],
    ]);
    expect((await taskRow('test.flaky')).last_run_error).toBeNull();
  });

  it('records the error of the last run in the task row', async () => {
    const scheduler = replicas.scheduler(logger, 'a');
    scheduler.forPlugin('test').schedule({ id: 'broken', frequency: 60_000, fn: async () => Promise.reject(new Error('no disk')) });
    scheduler.start();
    await expect.poll(async () => (await taskRow('test.broken')).last_run_error, { timeout: 3_000, interval: 20 }).toBe('no disk');
  });

  it('aborts the signal of a running task on stop() and waits for the run to end', async () => {
    const scheduler = replicas.scheduler(logger, 'a');
    let signal: AbortSignal | undefined;
    let finished = false;
    scheduler.forPlugin('test').schedule({
      id: 'long',
      frequency: 3_600_000,
      fn: async (runSignal) => {
        signal = runSignal;
        await new Promise((resolve) => runSignal.addEventListener('abort', resolve, { once: true }));
        await sleep(150);
        finished = true;
        throw runSignal.reason;
      },
    });
    scheduler.start();
    await expect.poll(() => signal, { timeout: 2_000, interval: 10 }).toBeDefined();
    const stopAt = Date.now();
    await scheduler.stop();
    expect(finished).toBe(true);
    expect(Date.now() - stopAt).toBeGreaterThanOrEqual(140);
    expect(signal!.aborted).toBe(true);
    expect((signal!.reason as DOMException).name).toBe('AbortError');
    // Cut short by shutdown: the lease is released and the task stays due for another replica.
    const row = await taskRow('test.long');
    expect(row.lease_owner).toBeNull();
    expect(row.next_run_at).toBeLessThanOrEqual(Date.now());
  });

  it('stops waiting for a run that ignores its signal after stopTimeoutMs', async () => {
    const scheduler = replicas.scheduler(logger, 'a', { stopTimeoutMs: 200 });
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    let started = false;
    scheduler.forPlugin('test').schedule({
      id: 'stuck',
      frequency: 3_600_000,
      fn: async () => {
        started = true;
        await stuck;
      },
    });
    scheduler.start();
    await expect.poll(() => started, { timeout: 2_000, interval: 10 }).toBe(true);
    const stopAt = Date.now();
    await scheduler.stop();
    expect(Date.now() - stopAt).toBeLessThan(1_000);
    expect(records.find((record) => record.level === levels.warn && record.taskIds)?.taskIds).toEqual(['test.stuck']);
    release();
    await sleep(50);
  });

  it('runs a triggered task now, and refuses a trigger while a run is in progress on any replica', async () => {
    const a = replicas.scheduler(logger, 'a');
    const b = replicas.scheduler(logger, 'b');
    let runs = 0;
    let gate: Promise<void> = Promise.resolve();
    for (const scheduler of [a, b]) {
      scheduler.forPlugin('test').schedule({
        id: 'report',
        frequency: { hours: 1 },
        initialDelay: { hours: 1 },
        fn: async () => {
          runs += 1;
          await gate;
        },
      });
      scheduler.start();
    }
    await sleep(100);
    expect(runs).toBe(0);

    await a.forPlugin('test').trigger('report');
    expect(runs).toBe(1);

    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    const running = b.forPlugin('test').trigger('report');
    await expect.poll(() => runs, { timeout: 2_000, interval: 10 }).toBe(2);
    await expect(b.forPlugin('test').trigger('report')).rejects.toThrow(new ConflictError("Task 'test.report' is already running"));
    await expect(a.forPlugin('test').trigger('report')).rejects.toBeInstanceOf(ConflictError);
    open();
    await running;
    expect(runs).toBe(2);

    await expect(a.forPlugin('test').trigger('nope')).rejects.toThrow(new NotFoundError("Plugin 'test' has no scheduled task 'nope'"));
    await expect(a.forPlugin('other').trigger('report')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('rejects a trigger with the error of the run it started', async () => {
    const scheduler = replicas.scheduler(logger, 'a');
    for (const scope of ['global', 'local'] as const) {
      scheduler.forPlugin('test').schedule({ id: `fails-${scope}`, scope, frequency: { hours: 1 }, initialDelay: { hours: 1 }, fn: async () => Promise.reject(new Error(`bad ${scope}`)) });
    }
    scheduler.start();
    await expect(scheduler.forPlugin('test').trigger('fails-global')).rejects.toThrow('bad global');
    await expect(scheduler.forPlugin('test').trigger('fails-local')).rejects.toThrow('bad local');
  });

  it('lets another replica take over a run that outlives its timeout', async () => {
    const a = replicas.scheduler(logger, 'a');
    const b = replicas.scheduler(logger, 'b');
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    const starts: Array<{ replica: string; at: number; signal: AbortSignal }> = [];
    for (const [replica, scheduler] of [['a', a], ['b', b]] as const) {
      scheduler.forPlugin('test').schedule({
        id: 'slow',
        frequency: { hours: 1 },
        timeout: 300,
        fn: async (signal) => {
          starts.push({ replica, at: Date.now(), signal });
          // The first run hangs and ignores its signal, like a task stuck on a dead socket.
          if (starts.length === 1) await stuck;
        },
      });
    }
    a.start();
    await expect.poll(() => starts.length, { timeout: 2_000, interval: 10 }).toBe(1);
    b.start();
    await expect.poll(() => starts.length, { timeout: 3_000, interval: 10 }).toBe(2);

    expect(starts.map((start) => start.replica)).toEqual(['a', 'b']);
    expect(starts[1]!.at - starts[0]!.at).toBeGreaterThanOrEqual(290);
    expect(starts[0]!.signal.aborted).toBe(true);
    expect((starts[0]!.signal.reason as DOMException).name).toBe('TimeoutError');
    expect(starts[1]!.signal.aborted).toBe(false);

    release();
    await expect
      .poll(() => records.some((record) => record.msg.includes("Task 'test.slow' lost its lease before the run ended")), { timeout: 2_000, interval: 10 })
      .toBe(true);
    const row = await taskRow('test.slow');
    expect(row.lease_owner).toBeNull();
    expect(row.next_run_at).toBe(row.last_run_started_at! + 3_600_000);
  });

  it('keeps the lease of a long run alive, and lets it go when the replica dies', async () => {
    const aConnection = replicas.connect();
    const a = replicas.scheduler(logger, 'a', { connection: aConnection, leaseMs: 150 });
    const b = replicas.scheduler(logger, 'b', { leaseMs: 150 });
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    const starts: string[] = [];
    for (const [replica, scheduler] of [['a', a], ['b', b]] as const) {
      scheduler.forPlugin('test').schedule({
        id: 'ingest',
        frequency: { hours: 1 },
        fn: async () => {
          starts.push(replica);
          if (replica === 'a') await stuck;
        },
      });
    }
    a.start();
    await expect.poll(() => starts.length, { timeout: 2_000, interval: 10 }).toBe(1);
    b.start();
    // Four lease lengths: a's renewals keep b out.
    await sleep(600);
    expect(starts).toEqual(['a']);

    // a loses its database, as a crashed replica would; its lease runs out and b takes over.
    await aConnection.close();
    await expect.poll(() => starts, { timeout: 3_000, interval: 10 }).toEqual(['a', 'b']);
    release();
  });

  it('runs a shared global task once per interval across two replicas, never at once', async () => {
    const report = await runSharedTask(replicas, logger, { frequencyMs: 400, durationMs: 2_200, runMs: 50 });
    expect(report.maxConcurrent).toBe(1);
    expect(report.starts).toHaveLength(6);
    for (const gap of gapsBetween(report.starts)) expect(gap).toBeGreaterThanOrEqual(390);
  });

  it('runs a local task on every replica on its own', async () => {
    const runs: Record<string, number> = { a: 0, b: 0 };
    for (const replica of ['a', 'b']) {
      const scheduler = replicas.scheduler(logger, replica);
      scheduler.forPlugin('test').schedule({ id: 'cache', scope: 'local', frequency: 100, fn: async () => void (runs[replica]! += 1) });
      scheduler.start();
    }
    await sleep(450);
    expect(runs.a).toBeGreaterThanOrEqual(4);
    expect(runs.b).toBeGreaterThanOrEqual(4);
    expect(runs.a).toBeLessThanOrEqual(5);
    // Local tasks leave no trace in the shared table.
    const rows = await (replicas.database.kysely as unknown as Kysely<SchedulerTables>).selectFrom('kernel_scheduled_tasks').select('id').execute();
    expect(rows).toEqual([]);
  });

  it('namespaces task ids by plugin and rejects bad or duplicate tasks', async () => {
    const scheduler = replicas.scheduler(logger, 'a');
    const fn = async () => undefined;
    scheduler.forPlugin('catalog').schedule({ id: 'refresh', frequency: 1_000, initialDelay: 60_000, fn });
    scheduler.forPlugin('search').schedule({ id: 'refresh', frequency: 1_000, initialDelay: 60_000, fn });
    expect(() => scheduler.forPlugin('catalog').schedule({ id: 'refresh', frequency: 5, fn })).toThrow(
      new ConflictError("Task 'catalog.refresh' is already scheduled"),
    );
    expect(() => scheduler.forPlugin('catalog').schedule({ id: 'x', frequency: 0, fn })).toThrow(
      new InputError("Task 'catalog.x': frequency must be at least 1 millisecond"),
    );
    expect(() => scheduler.forPlugin('catalog').schedule({ id: 'x', frequency: { minutes: -1 }, fn })).toThrow(InputError);
    expect(() => scheduler.forPlugin('catalog').schedule({ id: '', frequency: 1, fn })).toThrow(InputError);
    scheduler.start();
    await expect
      .poll(async () => (await (replicas.database.kysely as unknown as Kysely<SchedulerTables>).selectFrom('kernel_scheduled_tasks').select('id').orderBy('id').execute()).map((row) => row.id), { timeout: 2_000, interval: 20 })
      .toEqual(['catalog.refresh', 'search.refresh']);
    await scheduler.stop();
    expect(() => scheduler.forPlugin('catalog').schedule({ id: 'late', frequency: 1, fn })).toThrow('the scheduler is stopped');
  });
});
