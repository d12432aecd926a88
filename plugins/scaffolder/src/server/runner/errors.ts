/** A step failed; the message names the step and the action and is already redacted. */
export class TemplateStepError extends Error {
  constructor(
    message: string,
    readonly stepId: string,
    readonly action: string,
  ) {
    super(message);
    this.name = 'TemplateStepError';
  }
}

/** The task was cancelled through its signal. */
export class TaskCancelledError extends Error {
  constructor(readonly stepId?: string) {
    super(stepId ? `The task was cancelled during step "${stepId}"` : 'The task was cancelled');
    this.name = 'TaskCancelledError';
  }
}
