import type { JsonObject } from '@portico/model';

/**
 * A step failed; the message names the step and the action and is already redacted.
 * `completedSteps` holds the outputs of the steps that finished before it, unredacted, so a
 * retry can resume (`runTemplateSteps({ completedSteps })`); store them like secrets.
 */
export class TemplateStepError extends Error {
  constructor(
    message: string,
    readonly stepId: string,
    readonly action: string,
    readonly completedSteps: Readonly<Record<string, { output: JsonObject }>> = {},
  ) {
    super(message);
    this.name = 'TemplateStepError';
  }
}

/**
 * The task was cancelled through its signal. `completedSteps` (unredacted, like
 * TemplateStepError's) lets a retry resume at the step that was cancelled.
 */
export class TaskCancelledError extends Error {
  constructor(
    readonly stepId?: string,
    readonly completedSteps: Readonly<Record<string, { output: JsonObject }>> = {},
  ) {
    super(stepId ? `The task was cancelled during step "${stepId}"` : 'The task was cancelled');
    this.name = 'TaskCancelledError';
  }
}
