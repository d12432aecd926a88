import type { JsonObject, TemplateSpec } from '@portico/model';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ActionRegistry } from '../actions/registry.js';
import { createDebugLogAction, createDebugWaitAction } from '../actions/builtin/debug.js';
import { createTemplateAction } from '../actions/types.js';
import { createMemoryLogSink } from '../logging/task-logger.js';
import { cleanupTempDirs, tempDir } from '../test-fixtures/action-harness.js';
import { TaskCancelledError, TemplateStepError } from './errors.js';
import { runTemplateSteps, type RunTemplateStepsOptions, type StepStatusEvent } from './run-template-steps.js';

const SECRET = 'tok-9d8c7b6a';

function recordingActions() {
  const calls: { stepId: string; input: unknown }[] = [];
  const echo = createTemplateAction({
    id: 'test:echo',
    description: 'Outputs its input',
    supportsDryRun: true,
    schema: { input: z.object({ value: z.json().optional(), log: z.string().optional() }), output: z.object({ value: z.json() }) },
    async handler(ctx) {
      calls.push({ stepId: ctx.stepId, input: ctx.input });
      if (ctx.input.log) ctx.logger.info(ctx.input.log);
      ctx.output('value', ctx.input.value ?? null);
    },
  });
  const fail = createTemplateAction({
    id: 'test:fail',
    description: 'Always fails, quoting its input',
    supportsDryRun: true,
    schema: { input: z.object({ reason: z.string() }) },
    async handler(ctx) {
      calls.push({ stepId: ctx.stepId, input: ctx.input });
      throw new Error(`remote said no: ${ctx.input.reason}`);
    },
  });
  const sideEffect = createTemplateAction({
    id: 'test:publish',
    description: 'Has side effects, no dry run',
    schema: { input: z.object({}) },
    async handler(ctx) {
      calls.push({ stepId: ctx.stepId, input: ctx.input });
      ctx.output('url', 'https://example.test/repo');
    },
  });
  const registry = new ActionRegistry([echo, fail, sideEffect, createDebugLogAction(), createDebugWaitAction()]);
  return { calls, registry };
}

let workspacePath: string;
beforeEach(async () => {
  workspacePath = await tempDir('runner');
});
afterEach(cleanupTempDirs);

function options(template: TemplateSpec, extra: Partial<RunTemplateStepsOptions> & Pick<RunTemplateStepsOptions, 'actions'>): RunTemplateStepsOptions & { log: ReturnType<typeof createMemoryLogSink>; events: StepStatusEvent[] } {
  const log = createMemoryLogSink();
  const events: StepStatusEvent[] = [];
  return {
    template,
    values: { name: 'billing', regions: ['eu', 'us'], flags: { a: 1, b: 2 }, publish: true },
    secrets: { token: SECRET },
    user: { ref: 'user:default/ada', entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'User', metadata: { name: 'ada' }, spec: {} } },
    workspacePath,
    logger: log,
    taskId: 'task-42',
    onStepStatus: (event) => events.push(event),
    ...extra,
    log,
    events,
  };
}

describe('runTemplateSteps', () => {
  it('runs steps in order with parameters, earlier outputs, user, secrets and context, then evaluates output', async () => {
    const { calls, registry } = recordingActions();
    const template: TemplateSpec = {
      type: 'service',
      steps: [
        { id: 'first', name: 'First', action: 'test:echo', input: { value: { name: '${{ parameters.name }}', user: '${{ user.ref }}', task: '${{ context.task.id }}' } } },
        { id: 'second', action: 'test:echo', input: { value: "${{ steps['first'].output.value.name | upper }}-${{ steps.first.output.value.task }}" } },
        { id: 'with-secret', action: 'test:echo', input: { value: 'len=${{ secrets.token | length }}' } },
      ],
      output: {
        links: [
          { title: 'Repo', url: 'https://git.test/${{ steps.second.output.value }}' },
          { title: 'Hidden', url: 'https://x', if: '${{ parameters.publish == false }}' },
          { title: 'Owner', entityRef: '${{ user.ref }}' },
        ],
        text: [{ title: 'Done', content: 'Created ${{ parameters.name }} for ${{ user.entity.metadata.name }}' }],
      },
    };
    const run = options(template, { actions: registry });
    const result = await runTemplateSteps(run);
    expect(calls.map((call) => call.input)).toEqual([
      { value: { name: 'billing', user: 'user:default/ada', task: 'task-42' } },
      { value: 'BILLING-task-42' },
      { value: 'len=12' },
    ]);
    expect(result.steps.second).toEqual({ output: { value: 'BILLING-task-42' } });
    expect(result.output).toEqual({
      links: [
        { title: 'Repo', url: 'https://git.test/BILLING-task-42' },
        { title: 'Owner', entityRef: 'user:default/ada' },
      ],
      text: [{ title: 'Done', content: 'Created billing for ada' }],
    });
    expect(run.events.map((event) => `${event.stepId}:${event.status}`)).toEqual([
      'first:processing', 'first:completed', 'second:processing', 'second:completed', 'with-secret:processing', 'with-secret:completed',
    ]);
  });

  it('skips steps whose if is false and repeats steps with each over lists and objects', async () => {
    const { calls, registry } = recordingActions();
    const template: TemplateSpec = {
      type: 'service',
      steps: [
        { id: 'never', action: 'test:echo', if: '${{ parameters.publish == false }}', input: { value: 1 } },
        { id: 'also-never', action: 'test:echo', if: false },
        { id: 'regions', action: 'test:echo', each: '${{ parameters.regions }}', input: { value: '${{ each.key }}:${{ each.value }}' } },
        { id: 'flags', action: 'test:echo', each: '${{ parameters.flags }}', input: { value: '${{ each.key }}=${{ each.value }}' } },
      ],
      output: { text: [{ title: 'regions', content: "${{ steps.regions.output.value | join(',') }}" }] },
    };
    const run = options(template, { actions: registry });
    const result = await runTemplateSteps(run);
    expect(calls.map((call) => call.stepId)).toEqual(['regions', 'regions', 'flags', 'flags']);
    expect(result.steps.regions?.output.value).toEqual(['0:eu', '1:us']);
    expect(result.steps.flags?.output.value).toEqual(['a=1', 'b=2']);
    expect(result.steps.never).toBeUndefined();
    expect(result.output.text).toEqual([{ title: 'regions', content: '0:eu,1:us' }]);
    expect(run.events.filter((event) => event.status === 'skipped').map((event) => event.stepId)).toEqual(['never', 'also-never']);
    expect(run.log.text()).toContain('Skipping step never: its "if" condition is false');
  });

  it('names the step and action when one fails, redacts secrets, and runs nothing after it', async () => {
    const { calls, registry } = recordingActions();
    const template: TemplateSpec = {
      type: 'service',
      steps: [
        { id: 'ok', action: 'test:echo', input: { log: 'using ${{ secrets.token }}' } },
        { id: 'push', name: 'Push it', action: 'test:fail', input: { reason: 'bad token ${{ secrets.token }}' } },
        { id: 'after', action: 'test:echo' },
      ],
    };
    const run = options(template, { actions: registry });
    const failure = await runTemplateSteps(run).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TemplateStepError);
    expect((failure as TemplateStepError).message).toBe('Step "push" (test:fail) failed: remote said no: bad token ***');
    expect((failure as TemplateStepError).stepId).toBe('push');
    expect(calls.map((call) => call.stepId)).toEqual(['ok', 'push']);
    expect(run.events.at(-1)).toEqual({ stepId: 'push', name: 'Push it', action: 'test:fail', status: 'failed', error: 'Step "push" (test:fail) failed: remote said no: bad token ***' });
    expect(JSON.stringify(run.log.entries)).not.toContain(SECRET);
    expect(run.log.text()).toContain('using ***');
  });

  it('refuses a template with unknown actions or duplicate ids before running any step', async () => {
    const { calls, registry } = recordingActions();
    const template: TemplateSpec = {
      type: 'service',
      steps: [
        { id: 'a', action: 'test:echo' },
        { id: 'a', action: 'test:echo' },
        { id: 'b', action: 'publish:nowhere' },
      ],
    };
    await expect(runTemplateSteps(options(template, { actions: registry }))).rejects.toThrow(
      'The template cannot run: step id "a" is used more than once; step "b" uses the action "publish:nowhere", which is not installed',
    );
    expect(calls).toEqual([]);
  });

  it('reports invalid action input and bad expressions with the step id', async () => {
    const { registry } = recordingActions();
    await expect(
      runTemplateSteps(options({ type: 's', steps: [{ id: 'x', action: 'test:fail', input: { reason: 42 } }] }, { actions: registry })),
    ).rejects.toThrow('Step "x" (test:fail) failed: Invalid input to test:fail: reason: Invalid input: expected string, received number');
    await expect(
      runTemplateSteps(options({ type: 's', steps: [{ id: 'y', action: 'test:echo', input: { value: '${{ range.constructor("return process")() }}' } }] }, { actions: registry })),
    ).rejects.toThrow(/Step "y" \(test:echo\) failed: its "input" could not be evaluated: .*Access to "constructor" is not allowed/);
    await expect(
      runTemplateSteps(options({ type: 's', steps: [{ id: 'z', action: 'test:echo', each: '${{ parameters.name }}' }] }, { actions: registry })),
    ).rejects.toThrow('Step "z" (test:echo) failed: its "each" must be a list or an object, but it evaluated to "billing"');
  });

  it('stops the running action and the task when cancelled', async () => {
    const { calls, registry } = recordingActions();
    const controller = new AbortController();
    const template: TemplateSpec = {
      type: 'service',
      steps: [
        { id: 'wait', action: 'debug:wait', input: { seconds: 30 } },
        { id: 'after', action: 'test:echo' },
      ],
    };
    const run = options(template, { actions: registry, signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const started = Date.now();
    await expect(runTemplateSteps(run)).rejects.toBeInstanceOf(TaskCancelledError);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(calls).toEqual([]);
    expect(run.events.map((event) => event.status)).toEqual(['processing', 'cancelled']);
  });

  it('skips actions without dry-run support in a dry run', async () => {
    const { calls, registry } = recordingActions();
    const template: TemplateSpec = {
      type: 'service',
      steps: [
        { id: 'echo', action: 'test:echo', input: { value: 1 } },
        { id: 'publish', action: 'test:publish' },
      ],
      output: { links: [{ title: 'Repo', url: '${{ steps.publish.output.url }}' }] },
    };
    const run = options(template, { actions: registry, dryRun: true });
    const result = await runTemplateSteps(run);
    expect(calls.map((call) => call.stepId)).toEqual(['echo']);
    expect(run.log.text()).toContain('Skipping step publish in a dry run: test:publish does not support dry runs');
    expect(result.output.links).toEqual([{ title: 'Repo' }]);
  });

  it('keeps secrets out of the output and the recorded step outputs', async () => {
    const { registry } = recordingActions();
    const template: TemplateSpec = {
      type: 's',
      steps: [{ id: 'leak', action: 'test:echo', input: { value: 'Bearer ${{ secrets.token }}' } }],
      output: { text: [{ title: 't', content: "token is ${{ secrets.token }}, step said ${{ steps.leak.output.value }}" }] } as JsonObject,
    };
    const result = await runTemplateSteps(options(template, { actions: registry }));
    expect(result.output.text).toEqual([{ title: 't', content: 'token is ***, step said Bearer ***' }]);
    expect(result.steps.leak).toEqual({ output: { value: 'Bearer ***' } });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('retries from the failed step, reusing the outputs of the steps before it', async () => {
    const { calls, registry } = recordingActions();
    let attempts = 0;
    registry.register(
      createTemplateAction({
        id: 'test:flaky',
        description: 'Fails the first time',
        schema: { input: z.object({ from: z.string() }) },
        async handler(ctx) {
          attempts += 1;
          if (attempts === 1) throw new Error('remote busy');
          ctx.output('got', ctx.input.from);
        },
      }),
    );
    const template: TemplateSpec = {
      type: 's',
      steps: [
        { id: 'create', action: 'test:echo', input: { value: 'repo-${{ parameters.name }}' } },
        { id: 'push', action: 'test:flaky', input: { from: '${{ steps.create.output.value }}' } },
        { id: 'done', action: 'test:echo', input: { value: '${{ steps.push.output.got }}' } },
      ],
    };
    const failure = (await runTemplateSteps(options(template, { actions: registry })).catch((error: unknown) => error)) as TemplateStepError;
    expect(failure.stepId).toBe('push');
    expect(failure.completedSteps).toEqual({ create: { output: { value: 'repo-billing' } } });
    const retry = options(template, { actions: registry, completedSteps: failure.completedSteps });
    const result = await runTemplateSteps(retry);
    expect(calls.map((call) => call.stepId)).toEqual(['create', 'done']);
    expect(result.steps.done).toEqual({ output: { value: 'repo-billing' } });
    expect(retry.log.text()).toContain('Step create completed in an earlier attempt; reusing its output');
  });
});
