import type { JsonObject, JsonValue, TemplateSpec } from '@portico/model';
import type { StepStatus, TaskOutput } from '../../common/types.js';
import type { ActionRegistry } from '../actions/registry.js';
import type { TaskUser, TemplateInfo } from '../actions/types.js';
import { SecureTemplater, type TemplaterOptions } from '../expressions/secure-templater.js';
import { SecretRedactor } from '../logging/redactor.js';
import { createTaskLogger, type TaskLogSink } from '../logging/task-logger.js';
import { TaskCancelledError, TemplateStepError } from './errors.js';
import { executeAction } from './execute-action.js';
import { evaluateTemplateOutput } from './template-output.js';
import { isTruthy, planSteps, type PlannedStep } from './plan-steps.js';

export interface StepStatusEvent {
  stepId: string;
  name: string;
  action: string;
  status: StepStatus;
  /** Redacted. */
  error?: string;
}

export interface RunTemplateStepsOptions {
  /** `spec` of the Template entity, as written. */
  template: TemplateSpec;
  /** The form values (`parameters`), already validated. */
  values: JsonObject;
  secrets?: Record<string, string>;
  user?: TaskUser;
  /** An existing, empty folder for this task; the caller creates and removes it. */
  workspacePath: string;
  actions: ActionRegistry;
  logger: TaskLogSink;
  signal?: AbortSignal;
  /** Run only actions that support dry runs; others are skipped and logged. */
  dryRun?: boolean;
  templateInfo?: TemplateInfo;
  taskId?: string;
  /** Limits and extensions for `${{ }}` in steps and output. */
  templater?: TemplaterOptions;
  /**
   * Outputs of steps an earlier attempt completed (a retry, from `TemplateStepError.completedSteps`).
   * Leading steps listed here are not run again; the run resumes at the first step not listed.
   */
  completedSteps?: Readonly<Record<string, { output: JsonObject }>>;
  /** More strings to keep out of the log (e.g. integration credentials). */
  redact?: string[];
  onStepStatus?(event: StepStatusEvent): void;
}

export interface RunTemplateStepsResult {
  output: TaskOutput;
  steps: Record<string, { output: JsonObject }>;
}

/**
 * Runs a template's steps in order, the way Backstage's workflow runner does: for each step,
 * evaluate `if`, then `each`, then `input` with the sandboxed templater against `parameters`,
 * earlier `steps[id].output`, `user`, `secrets` and `context`; run the action; collect its
 * output. Then evaluate the template's `output`. Everything logged goes through the redactor.
 */
export async function runTemplateSteps(options: RunTemplateStepsOptions): Promise<RunTemplateStepsResult> {
  const signal = options.signal ?? new AbortController().signal;
  const secrets = options.secrets ?? {};
  const redactor = new SecretRedactor([...Object.values(secrets), ...(options.redact ?? [])]);
  const taskLogger = createTaskLogger(options.logger, redactor);
  const plan = planSteps(options.template, options.actions);
  const steps: Record<string, { output: JsonObject }> = {};
  const user = options.user ?? {};
  const templateInfo = options.templateInfo ?? {};
  const baseContext: JsonObject = {
    parameters: options.values,
    secrets,
    user: { ...(user.ref ? { ref: user.ref } : {}), ...(user.entity ? { entity: user.entity as unknown as JsonObject } : {}) },
    context: {
      task: { id: options.taskId ?? null },
      templateInfo: { entityRef: templateInfo.entityRef ?? null },
    },
  };
  const templater = new SecureTemplater(options.templater);
  const report = (step: PlannedStep, status: StepStatus, error?: string) =>
    options.onStepStatus?.({ stepId: step.id, name: step.name, action: step.action, status, ...(error ? { error } : {}) });

  let resuming = options.completedSteps !== undefined;
  try {
    for (const step of plan) {
      if (signal.aborted) throw new TaskCancelledError(step.id, { ...steps });
      const context = (): JsonObject => ({ ...baseContext, steps });
      const stepLogger = createTaskLogger(options.logger, redactor, step.id);
      const earlier = resuming && options.completedSteps && Object.hasOwn(options.completedSteps, step.id) ? options.completedSteps[step.id] : undefined;
      if (earlier) {
        steps[step.id] = { output: earlier.output };
        stepLogger.info(`Step ${step.id} completed in an earlier attempt; reusing its output`);
        report(step, 'completed');
        continue;
      }
      resuming = false;
      try {
        if (step.raw.if !== undefined && !isTruthy(evaluateStepField(templater, 'if', step.raw.if, context()))) {
          stepLogger.info(`Skipping step ${step.id}: its "if" condition is false`);
          report(step, 'skipped');
          continue;
        }
        const action = options.actions.get(step.action);
        if (options.dryRun && !action.supportsDryRun) {
          stepLogger.info(`Skipping step ${step.id} in a dry run: ${step.action} does not support dry runs`);
          steps[step.id] = { output: {} };
          report(step, 'skipped');
          continue;
        }
        report(step, 'processing');
        stepLogger.info(`Beginning step ${step.name}`);
        const output: JsonObject = {};
        const iterations = iterationsOf(templater, step, context());
        for (const each of iterations) {
          const iterationContext = each ? { ...context(), each } : context();
          const input = step.raw.input === undefined ? {} : evaluateStepField(templater, 'input', step.raw.input, iterationContext);
          await executeAction(action, input, {
            workspacePath: options.workspacePath,
            logger: stepLogger,
            signal,
            isDryRun: options.dryRun ?? false,
            user,
            templateInfo,
            secrets,
            stepId: step.id,
            onOutput(name, value) {
              if (each) output[name] = [...(Array.isArray(output[name]) ? output[name] : []), value];
              else output[name] = value;
            },
          });
        }
        steps[step.id] = { output };
        stepLogger.info(`Finished step ${step.name}`);
        report(step, 'completed');
      } catch (error) {
        if (signal.aborted) {
          report(step, 'cancelled');
          stepLogger.warn(`Step ${step.id} was cancelled`);
          throw new TaskCancelledError(step.id, { ...steps });
        }
        const message = redactor.redact(error instanceof Error ? error.message : String(error));
        const failure = new TemplateStepError(`Step "${step.id}" (${step.action}) failed: ${message}`, step.id, step.action, { ...steps });
        stepLogger.error(failure.message);
        report(step, 'failed', failure.message);
        throw failure;
      }
    }
    const output = evaluateTemplateOutput(templater, options.template.output, { ...baseContext, steps });
    taskLogger.info('All steps completed');
    // What leaves the runner is recorded with the task: secrets stay out of it.
    return {
      output: redactor.redactValue(output as JsonValue) as TaskOutput,
      steps: redactor.redactValue(steps as JsonObject) as RunTemplateStepsResult['steps'],
    };
  } finally {
    templater.dispose();
  }
}

function evaluateStepField(templater: SecureTemplater, field: string, value: JsonValue, context: JsonObject): JsonValue | undefined {
  try {
    return templater.evaluate(value, context);
  } catch (error) {
    throw new Error(`its "${field}" could not be evaluated: ${(error as Error).message}`, { cause: error });
  }
}

function iterationsOf(templater: SecureTemplater, step: PlannedStep, context: JsonObject): (JsonObject | undefined)[] {
  if (step.raw.each === undefined) return [undefined];
  const value = evaluateStepField(templater, 'each', step.raw.each as JsonValue, context);
  if (Array.isArray(value)) return value.map((item, index) => ({ key: String(index), value: item }));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).map(([key, item]) => ({ key, value: item ?? null }));
  }
  throw new Error(`its "each" must be a list or an object, but it evaluated to ${JSON.stringify(value) ?? 'nothing'}`);
}

