import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigObject } from '@portico/server';
import { createTestDatabase, testDatabaseIds, type TestDatabase } from '@portico/server/testing';
import { sql, type Kysely } from 'kysely';
import type { ScaffolderTables } from '../database/tables.js';
import { locationFile, SHORT_LEASE, startScaffolder, type StartedScaffolder } from '../test-fixtures/start-scaffolder.js';
import { TASK_TEMPLATE_FILES } from '../test-fixtures/task-templates.js';
import { TestProbe, testActionsPlugin } from '../test-fixtures/test-actions.js';

const secretCheckTemplate = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: secret-check
spec:
  type: test
  steps:
    - id: check
      action: test:record
      input:
        task: \${{ context.task.id }}
        label: token-length-\${{ secrets.token | length }}
`;
const files = {
  'all.yaml': locationFile([...Object.keys(TASK_TEMPLATE_FILES), 'secret-check.yaml']),
  ...TASK_TEMPLATE_FILES,
  'secret-check.yaml': secretCheckTemplate,
};

describe.each(testDatabaseIds())('tasks whose worker stops, on %s', (dialect) => {
  const started: StartedScaffolder[] = [];
  const databases: TestDatabase[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((portal) => portal.stop()));
    await Promise.all(databases.splice(0).map((database) => database.close()));
  });

  async function replica(database: TestDatabase, probe: TestProbe, name: string, scaffolder: ConfigObject = {}, dir?: string) {
    const portal = await startScaffolder(dialect, {
      database,
      ...(dir ? { dir } : { files }),
      plugins: [testActionsPlugin(probe, name)],
      config: { scaffolder },
    });
    started.push(portal);
    await portal.waitForEntity('template:default/secret-check');
    return portal;
  }

  async function newDatabase() {
    const database = await createTestDatabase(dialect);
    databases.push(database);
    return database;
  }

  // Direct writes go through a running kernel's connection: the test database's own pool stays
  // unused, so dropping the database never races with its connections closing.
  const tablesOf = (portal: StartedScaffolder) => portal.kernel.connection.kysely as unknown as Kysely<ScaffolderTables>;

  /** What a replica that died mid-task leaves behind: a processing task with a lease nobody renews. */
  async function leaveAsIfWorkerDied(portal: StartedScaffolder, taskId: string) {
    const db = tablesOf(portal);
    await db
      .updateTable('scaffolder_tasks')
      .set({ status: 'processing', lease_owner: 'replica-that-died', lease_expires_at: sql<number>`${Date.now() - 60_000}`, attempts: 1 })
      .where('id', '=', taskId)
      .execute();
  }

  it('fails a task whose worker died, with a message that says what happened and that it can be retried', async () => {
    const database = await newDatabase();
    const probe = new TestProbe();
    const api = await replica(database, probe, 'api', { concurrentTasksLimit: 0 });
    const id = await api.createTask('template:default/greeter', { name: 'ada' });
    await leaveAsIfWorkerDied(api, id);
    const task = await api.waitForStatus(id, ['failed'], 10_000);
    expect(task.state?.error).toEqual({
      name: 'WorkerLostError',
      message:
        'The server running this task stopped responding (its lease expired) before the task finished; the step it was running may have been left half done. Check the step\'s log, then retry the task.',
    });
    const completion = (await api.events(id)).at(-1);
    expect(completion).toMatchObject({ type: 'completion', body: { status: 'failed', error: { name: 'WorkerLostError' } } });
    // Exactly one completion, even though every replica looks for expired leases.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await api.events(id)).filter((event) => event.type === 'completion')).toHaveLength(1);
  });

  it('starts a task over on another worker when its template opts in (EXPERIMENTAL_recovery: startOver)', async () => {
    const database = await newDatabase();
    const probe = new TestProbe();
    const api = await replica(database, probe, 'api', { concurrentTasksLimit: 0 });
    const id = await api.createTask('template:default/recoverable', {});
    await leaveAsIfWorkerDied(api, id);
    await replica(database, probe, 'worker', {}, api.dir);
    const task = await api.waitForStatus(id, ['completed', 'failed'], 15_000);
    expect(task.state?.error).toBeUndefined();
    expect(task.status).toBe('completed');
    const events = await api.events(id);
    expect(events.find((event) => event.type === 'recovered')?.body).toEqual({
      message: 'The server running this task stopped responding; the task starts over (EXPERIMENTAL_recovery: startOver)',
      recoverStrategy: 'startOver',
    });
    expect(probe.runs.filter((run) => run.task === id)).toEqual([{ task: id, label: 'recovered-run', replica: 'worker' }]);
  });

  it('records a clear failure, naming the step, for a task running when its server shuts down', async () => {
    const database = await newDatabase();
    const probe = new TestProbe();
    const first = await replica(database, probe, 'first');
    const key = `shutdown-${dialect}`;
    const id = await first.createTask('template:default/waiter', { key });
    await probe.waitUntilWaiting(key);
    await first.stop();
    const second = await replica(database, probe, 'second', { concurrentTasksLimit: 0 }, first.dir);
    const task = await second.waitForStatus(id, ['failed', 'completed', 'processing', 'open'], 5_000);
    expect(task.status).toBe('failed');
    expect(task.state?.error).toEqual({
      name: 'ShutdownError',
      message: 'The server running this task shut down during step "wait", which may be half done; retry the task to run it again from that step',
      stepId: 'wait',
    });
    expect(probe.runs.filter((run) => run.task === id).map((run) => run.label)).toEqual(['before']);
  });

  it('stops a running action when another worker holds the task now, and writes nothing over it', async () => {
    const database = await newDatabase();
    const probe = new TestProbe();
    const portal = await replica(database, probe, 'a', { taskLease: SHORT_LEASE });
    const key = `fenced-${dialect}`;
    const id = await portal.createTask('template:default/waiter', { key });
    await probe.waitUntilWaiting(key);
    const db = tablesOf(portal);
    await db
      .updateTable('scaffolder_tasks')
      .set({ lease_owner: 'another-replica', lease_expires_at: sql<number>`${Date.now() + 60_000}` })
      .where('id', '=', id)
      .execute();
    // The heartbeat notices within a third of the lease and aborts the action.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const row = await db.selectFrom('scaffolder_tasks').select(['status', 'lease_owner', 'state']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'processing', lease_owner: 'another-replica', state: null });
    expect((await portal.events(id)).some((event) => event.type === 'completion')).toBe(false);
    expect(probe.runs.filter((run) => run.task === id).map((run) => run.label)).toEqual(['before']);
  });

  it('runs a task with secrets on another replica when they share scaffolder.secretsKey, and never on one with another key', async () => {
    const database = await newDatabase();
    const probe = new TestProbe();
    const secretsKey = 'shared-key-for-the-test-0123456789';
    const api = await replica(database, probe, 'api', { concurrentTasksLimit: 0, secretsKey });
    const id = await api.createTask('template:default/secret-check', {}, { token: 'twelve-chars' });
    await replica(database, probe, 'stranger', { secretsKey: 'a-different-key-0123456789abcdef' }, api.dir);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await api.waitForStatus(id, ['open'])).status).toBe('open');
    await replica(database, probe, 'sibling', { secretsKey }, api.dir);
    expect((await api.waitForStatus(id, ['completed', 'failed'])).status).toBe('completed');
    expect(probe.runs.filter((run) => run.task === id)).toEqual([{ task: id, label: 'token-length-12', replica: 'sibling' }]);
  });

  it('fails an open task whose secrets only a stopped server could read, instead of leaving it open', async () => {
    const database = await newDatabase();
    const probe = new TestProbe();
    const api = await replica(database, probe, 'api', { concurrentTasksLimit: 0, taskLease: SHORT_LEASE });
    const id = await api.createTask('template:default/secret-check', {}, { token: 'memory-only' });
    await api.stop();
    const other = await replica(database, probe, 'other', {}, api.dir);
    const task = await other.waitForStatus(id, ['failed', 'completed'], 10_000);
    expect(task.status).toBe('failed');
    expect(task.state?.error?.name).toBe('SecretsLostError');
    expect(task.state?.error?.message).toMatch(/^The server that accepted this task stopped before running it/);
    expect(probe.runs.filter((run) => run.task === id)).toEqual([]);
  });
});
