import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { JsonObject } from '@portico/model';
import type { PluginLogger } from '@portico/server';
import type { TaskEventBody, TaskSpec } from '../../common/tasks.js';
import type { ActionRegistry } from '../actions/registry.js';
import type { NewTaskEvent } from '../database/operations/task-events.js';
import type { TaskRow } from '../database/operations/context.js';
import type { TemplaterOptions } from '../expressions/secure-templater.js';
import { SecretRedactor } from '../logging/redactor.js';
import { TaskCancelledError, TemplateStepError } from '../runner/errors.js';
import { runTemplateSteps } from '../runner/run-template-steps.js';
import { TaskEventWriter } from './event-writer.js';
import type { SealedTaskData } from './secrets-vault.js';
import { parseState } from './serialize.js';
import type { TaskOutcome, TaskStore } from './task-store.js';

/** Why a worker aborted a running task. */
export type AbortReason = 'cancel' | 'lease-lost' | 'shutdown';

export interface TaskRunnerOptions {
  store: TaskStore;
  actions: ActionRegistry;
  templater?: TemplaterOptions;
  /** Parent folder of task workspaces. */
  workingDirectory: string;
  /** Strings to keep out of every log (integration credentials). */
  redact: readonly string[];
  /** True when other replicas can open this one's sealed secrets (`scaffolder.secretsKey` is set). */
  secretsShared: boolean;
  logger: PluginLogger;
}

export interface RunControl {
  owner: string;
  signal: AbortSignal;
  /** Set once the signal is aborted. */
  reason(): AbortReason | undefined;
}

const completion = (taskId: string, body: TaskEventBody): NewTaskEvent => ({ taskId, type: 'completion', body, createdAt: Date.now() });

/**
 * One attempt at a claimed task: opens its secrets, runs the template's steps in a fresh
 * workspace, streams the log as events and records the outcome, unless the task was taken
 * from this worker meanwhile (then it writes nothing final).
 */
export async function runClaimedTask(options: TaskRunnerOptions, row: TaskRow, control: RunControl): Promise<void> {
  const { store, logger } = options;
  const taskId = row.id;
  const spec = JSON.parse(row.spec) as TaskSpec;
  const writer = new TaskEventWriter(taskId, (events) => store.appendEvents(events), logger);
  const finish = (outcome: TaskOutcome) => store.finish(taskId, control.owner, outcome);

  let sealed: SealedTaskData | undefined;
  try {
    sealed = await store.sealed(row);
  } catch (error) {
    const message = `The task's secrets cannot be read: ${(error as Error).message}`;
    await finish({ status: 'failed', state: { error: { name: 'SecretsError', message } }, events: [completion(taskId, failedBody('SecretsError', message))] });
    return;
  }
  const secrets = sealed?.secrets ?? {};
  const redactor = new SecretRedactor([...Object.values(secrets), ...options.redact]);
  const resume = parseState(row).resume === true ? sealed?.completedSteps : undefined;
  const workspacePath = await mkdtemp(path.join(options.workingDirectory, `task-${taskId.slice(0, 8)}-`));
  try {
    const result = await runTemplateSteps({
      template: { type: 'task', steps: spec.steps, output: spec.output },
      values: spec.parameters,
      secrets,
      user: spec.user,
      workspacePath,
      actions: options.actions,
      logger: writer,
      signal: control.signal,
      templateInfo: { entityRef: spec.templateInfo.entityRef, ...(spec.templateInfo.baseUrl ? { baseUrl: spec.templateInfo.baseUrl } : {}) },
      taskId,
      ...(options.templater ? { templater: options.templater } : {}),
      ...(resume ? { completedSteps: resume } : {}),
      redact: [...options.redact],
      onStepStatus: (event) => writer.stepStatus(event),
    });
    await writer.flush();
    await finish({
      status: 'completed',
      state: { output: result.output },
      events: [completion(taskId, { message: 'Run completed with status: completed', status: 'completed', output: result.output })],
    });
  } catch (error) {
    await writer.flush();
    const outcome = outcomeOf(error, { taskId, secrets, spec, control, redactor, secretsShared: options.secretsShared });
    // Undefined: this worker lost its lease, so another party owns the task and its final state.
    if (outcome) await finish(outcome).catch((finishError: unknown) => logger.error({ err: finishError, taskId }, 'Could not record the outcome of a task'));
    else logger.warn({ taskId }, 'Stopped a task whose lease this worker lost');
  } finally {
    await rm(workspacePath, { recursive: true, force: true });
  }
}

function failedBody(name: string, message: string, stepId?: string): TaskEventBody {
  return { message: 'Run completed with status: failed', status: 'failed', error: { name, message }, ...(stepId ? { stepId } : {}) };
}

interface OutcomeContext {
  taskId: string;
  secrets: Record<string, string>;
  spec: TaskSpec;
  control: RunControl;
  redactor: SecretRedactor;
  secretsShared: boolean;
}

function outcomeOf(error: unknown, context: OutcomeContext): TaskOutcome | undefined {
  const { taskId, secrets, control } = context;
  const reason = control.reason();
  if (reason === 'lease-lost') return undefined;
  const completedSteps: Record<string, { output: JsonObject }> =
    error instanceof TemplateStepError || error instanceof TaskCancelledError ? { ...error.completedSteps } : {};
  const keep: SealedTaskData = { secrets, completedSteps };
  const stepId = error instanceof TemplateStepError || error instanceof TaskCancelledError ? error.stepId : undefined;

  if (error instanceof TaskCancelledError && reason === 'cancel') {
    const message = stepId ? `Step "${stepId}" has been cancelled` : 'The task has been cancelled';
    return {
      status: 'cancelled',
      state: { error: { name: 'TaskCancelledError', message, ...(stepId ? { stepId } : {}) } },
      keep,
      events: [
        { taskId, type: 'cancelled', body: { message, status: 'cancelled', ...(stepId ? { stepId } : {}) }, createdAt: Date.now() },
        completion(taskId, { message: 'Run completed with status: cancelled', status: 'cancelled' }),
      ],
    };
  }
  if (reason === 'shutdown') {
    const portable = context.secretsShared || Object.keys(secrets).length === 0;
    if (context.spec.EXPERIMENTAL_recovery?.EXPERIMENTAL_strategy === 'startOver' && portable) {
      return {
        status: 'open',
        state: null,
        keep: { secrets },
        events: [{ taskId, type: 'recovered', body: { message: 'The server running this task shut down; the task will start over', recoverStrategy: 'startOver' }, createdAt: Date.now() }],
      };
    }
    const message = `The server running this task shut down during step "${stepId ?? 'unknown'}", which may be half done; retry the task to run it again from that step`;
    return { status: 'failed', state: { error: { name: 'ShutdownError', message, ...(stepId ? { stepId } : {}) } }, keep, events: [completion(taskId, failedBody('ShutdownError', message, stepId))] };
  }
  const name = error instanceof Error ? error.name : 'Error';
  const message = context.redactor.redact(error instanceof Error ? error.message : String(error));
  return { status: 'failed', state: { error: { name, message, ...(stepId ? { stepId } : {}) } }, keep, events: [completion(taskId, failedBody(name, message, stepId))] };
}
