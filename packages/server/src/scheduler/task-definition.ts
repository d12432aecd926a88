import { InputError } from '@portico/model';
import type { ScheduledTask } from '../plugin-api/index.js';
import { durationToMs } from './duration.js';

/** A scheduled task with its id namespaced and its durations in milliseconds. */
export interface TaskDefinition {
  /** `<pluginId>.<taskId>` */
  readonly id: string;
  readonly pluginId: string;
  readonly frequencyMs: number;
  readonly initialDelayMs: number;
  readonly timeoutMs: number;
  readonly scope: 'global' | 'local';
  readonly fn: (signal: AbortSignal) => Promise<void>;
}

/** A run that hangs is cut off after an hour unless the task says otherwise. */
export const defaultTaskTimeoutMs = 3_600_000;

const taskIdPattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;

export function toTaskDefinition(pluginId: string, task: ScheduledTask): TaskDefinition {
  if (typeof task.id !== 'string' || !taskIdPattern.test(task.id)) {
    throw new InputError(
      `Plugin '${pluginId}' scheduled a task with invalid id ${JSON.stringify(task.id)}: use letters, digits, '_', '.', ':' or '-' (at most 200)`,
    );
  }
  const id = `${pluginId}.${task.id}`;
  const scope = task.scope ?? 'global';
  if (scope !== 'global' && scope !== 'local') {
    throw new InputError(`Task '${id}': scope must be 'global' or 'local', got ${JSON.stringify(scope)}`);
  }
  if (typeof task.fn !== 'function') throw new InputError(`Task '${id}': fn must be a function`);
  const frequencyMs = taskDuration(id, 'frequency', task.frequency);
  if (frequencyMs < 1) throw new InputError(`Task '${id}': frequency must be at least 1 millisecond`);
  const timeoutMs = task.timeout === undefined ? defaultTaskTimeoutMs : taskDuration(id, 'timeout', task.timeout);
  if (timeoutMs < 1) throw new InputError(`Task '${id}': timeout must be at least 1 millisecond`);
  return {
    id,
    pluginId,
    frequencyMs,
    initialDelayMs: task.initialDelay === undefined ? 0 : taskDuration(id, 'initialDelay', task.initialDelay),
    timeoutMs,
    scope,
    fn: task.fn,
  };
}

function taskDuration(id: string, field: string, value: ScheduledTask['frequency']): number {
  try {
    return durationToMs(value);
  } catch (error) {
    throw new InputError(`Task '${id}': ${field}: ${(error as Error).message}`, { cause: error });
  }
}
