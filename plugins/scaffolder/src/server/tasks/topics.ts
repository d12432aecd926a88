import { createEventTopic } from '@portico/server';

/** Payloads carry the task id only; listeners read the rest from the database. */
export interface TaskSignal {
  taskId: string;
}

/** A task was created or opened again: idle workers look for work. */
export const taskOpenedTopic = createEventTopic<TaskSignal>('scaffolder.task.opened');
/** New events were written for a task: event streams read them. */
export const taskEventsTopic = createEventTopic<TaskSignal>('scaffolder.task.events');
/** Someone asked to cancel a processing task: the worker running it aborts the running action. */
export const taskCancelTopic = createEventTopic<TaskSignal>('scaffolder.task.cancel');
