import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseIds } from '@portico/server/testing';
import type { ListTasksResponse, SerializedTask, SerializedTaskEvent } from '../../common/tasks.js';
import { locationFile, startScaffolder, type StartedScaffolder } from '../test-fixtures/start-scaffolder.js';
import { TASK_TEMPLATE_FILES } from '../test-fixtures/task-templates.js';
import { TestProbe, testActionsPlugin } from '../test-fixtures/test-actions.js';

const files = { 'all.yaml': locationFile(Object.keys(TASK_TEMPLATE_FILES)), ...TASK_TEMPLATE_FILES };

/** Reads an SSE response until it ends, as a browser's EventSource would see it. */
async function readEventStream(url: string): Promise<{ event: string; data: SerializedTaskEvent }[]> {
  const response = await fetch(url);
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('event:'))
    .map((block) => {
      const [eventLine, dataLine] = block.split('\n') as [string, string];
      return { event: eventLine.slice('event: '.length), data: JSON.parse(dataLine.slice('data: '.length)) as SerializedTaskEvent };
    });
}

describe.each(testDatabaseIds())('scaffolder tasks over HTTP on %s', (dialect) => {
  let portal: StartedScaffolder;
  const probe = new TestProbe();

  beforeAll(async () => {
    portal = await startScaffolder(dialect, { files, plugins: [testActionsPlugin(probe, 'a')] });
    await portal.waitForEntity('template:default/greeter');
  });
  afterAll(() => portal?.stop());

  it('runs a task from open to completed and records the template, the user, the log and the output', async () => {
    const id = await portal.createTask('template:default/greeter', { name: 'ada', times: 2 });
    const task = await portal.waitForStatus(id, ['completed']);
    expect(task).toMatchObject({
      id,
      status: 'completed',
      createdBy: 'user:default/guest',
      spec: {
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        parameters: { name: 'ada', times: 2 },
        user: { ref: 'user:default/guest' },
        templateInfo: { entityRef: 'template:default/greeter', entity: { metadata: { name: 'greeter', title: 'greeter' } } },
        steps: [
          { id: 'hello', name: 'Say hello', action: 'debug:log' },
          { id: 'record', name: 'Record', action: 'test:record' },
        ],
      },
      state: { output: { text: [{ title: 'Greeting', content: 'Greeted ada 1 time(s)' }] } },
    });
    expect(task.spec.templateInfo.baseUrl).toMatch(/^file:\/\/.*\/$/);
    expect(Date.parse(task.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(task.lastHeartbeatAt).toEqual(expect.any(String));

    const events = await portal.events(id);
    expect(events.map((event) => event.id)).toEqual([...events.map((event) => event.id)].sort((a, b) => a - b));
    expect(events.every((event) => event.taskId === id && typeof event.createdAt === 'string')).toBe(true);
    const bodies = events.map((event) => [event.type, event.body.message, event.body.stepId, event.body.status]);
    expect(bodies).toEqual(
      expect.arrayContaining([
        ['log', 'Step "Say hello" started', 'hello', 'processing'],
        ['log', 'Hello ada', 'hello', undefined],
        ['log', 'Step "Say hello" completed', 'hello', 'completed'],
        ['log', 'recorded greet', 'record', undefined],
        ['log', 'Step "Record" completed', 'record', 'completed'],
      ]),
    );
    const last = events.at(-1);
    expect(last).toMatchObject({ type: 'completion', body: { message: 'Run completed with status: completed', status: 'completed', output: task.state?.output } });
    // `after` returns only newer events.
    const newer = await portal.api<SerializedTaskEvent[]>('GET', `/api/scaffolder/v2/tasks/${id}/events?after=${events.at(-2)!.id}`);
    expect(newer.body).toEqual([last]);
  });

  it('answers 400 with the field errors in Backstage\'s shape, and creates no task', async () => {
    const before = (await portal.api<ListTasksResponse>('GET', '/api/scaffolder/v2/tasks')).body.totalTasks;
    const response = await portal.api<{ errors: unknown[]; error: { name: string; message: string } }>('POST', '/api/scaffolder/v2/tasks', {
      templateRef: 'template:default/greeter',
      values: { name: 'Not Valid', times: 9, extra: true },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([
      { path: ['name'], property: 'instance.name', message: 'must match pattern "^[a-z]+$"', name: 'pattern', stack: 'instance.name must match pattern "^[a-z]+$"' },
      { path: ['times'], property: 'instance.times', message: 'must be <= 3', name: 'type', stack: 'instance.times must be <= 3' },
    ]);
    expect(response.body.error).toEqual({
      name: 'InputError',
      message: 'The values do not match the template: name must match pattern "^[a-z]+$"; times must be <= 3',
      details: [
        { path: 'name', message: 'must match pattern "^[a-z]+$"' },
        { path: 'times', message: 'must be <= 3' },
      ],
    });
    const missing = await portal.api<{ errors: { property: string; message: string; name: string }[] }>('POST', '/api/scaffolder/v2/tasks', {
      templateRef: 'template:default/greeter',
      values: {},
    });
    expect(missing.body.errors).toEqual([expect.objectContaining({ property: 'instance.name', message: 'is required', name: 'required' })]);

    const unknown = await portal.api<{ error: { name: string; message: string } }>('POST', '/api/scaffolder/v2/tasks', { templateRef: 'template:default/nope', values: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ name: 'NotFoundError', message: 'Template template:default/nope was not found in the catalog' });
    const noRef = await portal.api('POST', '/api/scaffolder/v2/tasks', { values: {} });
    expect(noRef.status).toBe(400);
    expect((await portal.api<ListTasksResponse>('GET', '/api/scaffolder/v2/tasks')).body.totalTasks).toBe(before);
  });

  it('streams the log and the completion as server-sent events, and ends the stream', async () => {
    const id = await portal.createTask('template:default/waiter', { key: `sse-${dialect}` });
    const stream = readEventStream(`${portal.url}/api/scaffolder/v2/tasks/${id}/eventstream`);
    await probe.waitUntilWaiting(`sse-${dialect}`);
    probe.release(`sse-${dialect}`);
    const received = await stream;
    expect(received.map((item) => item.event)).toContain('log');
    expect(received.at(-1)?.event).toBe('completion');
    expect(received.at(-1)?.data).toMatchObject({ taskId: id, type: 'completion', body: { status: 'completed' } });
    expect(received.some((item) => item.data.body.message === `waiting for sse-${dialect}` && item.data.body.stepId === 'wait')).toBe(true);
    // Every event arrived once and in order.
    const ids = received.map((item) => item.data.id);
    expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
    expect(ids).toEqual((await portal.events(id)).map((event) => event.id));
    // A stream opened after the end replays from `after` and ends at once.
    const replay = await readEventStream(`${portal.url}/api/scaffolder/v2/tasks/${id}/eventstream?after=${ids.at(-2)}`);
    expect(replay.map((item) => item.data.id)).toEqual([ids.at(-1)]);
  });

  it('cancels a running task: the running action is stopped and later steps never run', async () => {
    const key = `cancel-${dialect}`;
    const id = await portal.createTask('template:default/waiter', { key });
    await probe.waitUntilWaiting(key);
    const cancel = await portal.api<{ status: string }>('POST', `/api/scaffolder/v2/tasks/${id}/cancel`);
    expect(cancel).toEqual({ status: 200, body: { status: 'cancelling' } });
    const task = await portal.waitForStatus(id, ['cancelled', 'failed', 'completed'], 5_000);
    expect(task.status).toBe('cancelled');
    expect(task.state?.error).toEqual({ name: 'TaskCancelledError', message: 'Step "wait" has been cancelled', stepId: 'wait' });
    const events = await portal.events(id);
    expect(events.slice(-2).map((event) => [event.type, event.body.message])).toEqual([
      ['cancelled', 'Step "wait" has been cancelled'],
      ['completion', 'Run completed with status: cancelled'],
    ]);
    expect(probe.runs.filter((run) => run.task === id).map((run) => run.label)).toEqual(['before']);
    const again = await portal.api<{ error: { message: string } }>('POST', `/api/scaffolder/v2/tasks/${id}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(`Task ${id} is cancelled; only open or processing tasks can be cancelled`);
    expect((await portal.api('POST', '/api/scaffolder/v2/tasks/no-such-task/cancel')).status).toBe(404);
  });

  it('retries a failed task from the step that failed, reusing the outputs of the steps before it', async () => {
    const id = await portal.createTask('template:default/flaky', { key: `retry-${dialect}` });
    const failed = await portal.waitForStatus(id, ['failed', 'completed']);
    expect(failed.status).toBe('failed');
    expect(failed.state?.error).toEqual({
      name: 'TemplateStepError',
      message: `Step "call" (test:fail-once) failed: the service for retry-${dialect} is down`,
      stepId: 'call',
    });
    const firstRun = await portal.events(id);
    expect(firstRun.filter((event) => event.type === 'log' && event.body.stepId === 'call').map((event) => [event.body.message, event.body.status])).toEqual([
      ['Step "Call the service" started', 'processing'],
      ['Beginning step Call the service', undefined],
      [`Step "call" (test:fail-once) failed: the service for retry-${dialect} is down`, undefined],
      ['Step "Call the service" failed', 'failed'],
    ]);
    expect(firstRun.at(-1)).toMatchObject({
      type: 'completion',
      body: { status: 'failed', stepId: 'call', error: { name: 'TemplateStepError', message: failed.state?.error?.message } },
    });

    const retry = await portal.api<{ id: string }>('POST', `/api/scaffolder/v2/tasks/${id}/retry`);
    expect(retry).toEqual({ status: 201, body: { id } });
    const done = await portal.waitForStatus(id, ['completed', 'failed']);
    expect(done.status).toBe('completed');
    // "prepare" ran once: the retry reused its output instead of running it again.
    expect(probe.runs.filter((run) => run.task === id).map((run) => run.label)).toEqual(['prepare', 'finish']);
    expect(done.state?.output).toEqual({ text: [{ content: 'prepare ran 1 time(s)' }] });
    const events = await portal.events(id);
    expect(events.filter((event) => event.type === 'recovered').map((event) => event.body.message)).toEqual(['Retrying the task from step "call"']);
    expect(events.filter((event) => event.type === 'completion').map((event) => event.body.status)).toEqual(['failed', 'completed']);
    expect(events.some((event) => event.body.message === 'Step prepare completed in an earlier attempt; reusing its output')).toBe(true);

    const notFailed = await portal.api<{ error: { message: string } }>('POST', `/api/scaffolder/v2/tasks/${id}/retry`);
    expect(notFailed.status).toBe(409);
    expect(notFailed.body.error.message).toBe(`Task ${id} is completed; only failed or cancelled tasks can be retried`);
  });

  it('lists tasks newest first, by creator and status, a page at a time', async () => {
    const all = await portal.api<ListTasksResponse>('GET', '/api/scaffolder/v2/tasks');
    expect(all.body.totalTasks).toBe(all.body.tasks.length);
    expect(all.body.totalTasks).toBeGreaterThanOrEqual(4);
    const created = all.body.tasks.map((task) => Date.parse(task.createdAt));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    const page = await portal.api<ListTasksResponse>('GET', '/api/scaffolder/v2/tasks?limit=2&offset=1');
    expect(page.body.tasks.map((task) => task.id)).toEqual(all.body.tasks.slice(1, 3).map((task) => task.id));
    expect(page.body.totalTasks).toBe(all.body.totalTasks);
    const oldest = await portal.api<ListTasksResponse>('GET', '/api/scaffolder/v2/tasks?order=asc:created_at&limit=1');
    expect(oldest.body.tasks[0]?.id).toBe(all.body.tasks.at(-1)?.id);

    const completed = await portal.api<ListTasksResponse>('GET', '/api/scaffolder/v2/tasks?status=completed');
    expect(completed.body.tasks.length).toBeGreaterThan(0);
    expect(completed.body.tasks.every((task) => task.status === 'completed')).toBe(true);
    const two = await portal.api<ListTasksResponse>('GET', '/api/scaffolder/v2/tasks?status=completed,cancelled');
    expect(new Set(two.body.tasks.map((task) => task.status))).toEqual(new Set(['completed', 'cancelled']));

    const mine = await portal.api<ListTasksResponse>('GET', '/api/scaffolder/v2/tasks?owner=me');
    expect(mine.body.totalTasks).toBe(all.body.totalTasks);
    const byOther = await portal.api<ListTasksResponse>('GET', `/api/scaffolder/v2/tasks?createdBy=${encodeURIComponent('user:default/someone-else')}`);
    expect(byOther.body).toEqual({ tasks: [], totalTasks: 0 });

    const bad = await portal.api<{ error: { message: string } }>('GET', '/api/scaffolder/v2/tasks?status=done');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('status: "done" is not a task status; use open, processing, completed, failed, cancelled');
    expect((await portal.api('GET', '/api/scaffolder/v2/tasks/unknown-id')).status).toBe(404);
    expect((await portal.api<SerializedTask>('GET', `/api/scaffolder/v2/tasks/${all.body.tasks[0]!.id}`)).body.id).toBe(all.body.tasks[0]!.id);
  });

  it('keeps secrets out of the task, its events, its error and the task table, and stores them only encrypted', async () => {
    const token = `s3cr3t-${dialect}-Value`;
    const values = {};
    const id = await portal.createTask('template:default/secretive', values, { token });
    const task = await portal.waitForStatus(id, ['failed', 'completed']);
    expect(task.status).toBe('failed');
    const events = await portal.events(id);
    expect(events.some((event) => event.body.message === 'The token is ***')).toBe(true);
    expect(task.state?.error?.message).toContain('missing-***.txt');
    const everything = JSON.stringify({ task, events });
    expect(everything).not.toContain(token);

    // Through the kernel's connection: the test database's own pool stays unused (see task-recovery.test.ts).
    const db = portal.kernel.connection.kysely;
    const tables = ['scaffolder_tasks', 'scaffolder_task_events', 'scaffolder_task_secrets'] as const;
    for (const table of tables) {
      const rows = await db.selectFrom(table as never).selectAll().execute();
      const text = JSON.stringify(rows);
      expect(text).not.toContain(token);
      expect(text).not.toContain(Buffer.from(token).toString('base64'));
    }
    // The failed task keeps its secrets (sealed) so it can be retried; a Secret field still has to be given.
    const sealed = await db.selectFrom('scaffolder_task_secrets' as never).selectAll().execute();
    expect(sealed.length).toBeGreaterThan(0);
    const missingSecret = await portal.api<{ errors: { property: string; message: string }[] }>('POST', '/api/scaffolder/v2/tasks', {
      templateRef: 'template:default/secretive',
      values: {},
    });
    expect(missingSecret.status).toBe(400);
    expect(missingSecret.body.errors).toEqual([expect.objectContaining({ property: 'instance.token', message: 'is required' })]);
  });
});
