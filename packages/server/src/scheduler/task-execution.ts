import { toError } from '@portico/model';
import type { Logger } from 'pino';
import type { TaskDefinition } from './task-definition.js';
import { startTimer } from './timers.js';

/** The reason a run's signal carries when the scheduler stops. */
export function stoppingReason(): DOMException {
  return new DOMException('The scheduler is stopping', 'AbortError');
}

/**
 * Calls the task's function once. Never throws: a failure is logged with the task id and returned,
 * so that one bad run neither stops later runs nor reaches the process. A run past its timeout
 * has its signal aborted with a TimeoutError.
 */
export async function executeTask(
  task: TaskDefinition,
  controller: AbortController,
  logger: Logger,
): Promise<Error | undefined> {
  const startedAt = Date.now();
  const timeout = startTimer(task.timeoutMs, () => {
    logger.warn({ taskId: task.id, timeoutMs: task.timeoutMs }, `Task '${task.id}' exceeded its timeout; aborting it`);
    controller.abort(new DOMException(`Task '${task.id}' exceeded its timeout of ${task.timeoutMs} ms`, 'TimeoutError'));
  });
  logger.debug({ taskId: task.id }, 'task run started');
  try {
    await task.fn(controller.signal);
    logger.debug({ taskId: task.id, durationMs: Date.now() - startedAt }, 'task run finished');
    return undefined;
  } catch (thrown) {
    const error = toError(thrown);
    logger.error({ taskId: task.id, err: error, durationMs: Date.now() - startedAt }, `Task '${task.id}' failed`);
    return error;
  } finally {
    timeout.clear();
  }
}
