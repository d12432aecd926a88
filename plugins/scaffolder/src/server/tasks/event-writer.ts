import type { PluginLogger } from '@portico/server';
import type { TaskEventBody } from '../../common/tasks.js';
import type { TaskLogEntry } from '../../common/types.js';
import type { NewTaskEvent } from '../database/operations/task-events.js';
import type { TaskLogSink } from '../logging/task-logger.js';
import type { StepStatusEvent } from '../runner/run-template-steps.js';

const FLUSH_DELAY_MS = 50;
const MAX_BATCH = 500;

const statusWords: Record<StepStatusEvent['status'], string> = {
  processing: 'started',
  completed: 'completed',
  failed: 'failed',
  skipped: 'skipped',
  cancelled: 'cancelled',
};

/**
 * Turns a running task's log lines and step changes into `log` events, written in small batches
 * (one insert and one notification per batch, not per line). Entries arrive already redacted.
 */
export class TaskEventWriter implements TaskLogSink {
  #buffer: NewTaskEvent[] = [];
  #timer: NodeJS.Timeout | undefined;
  #chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly taskId: string,
    private readonly write: (events: NewTaskEvent[]) => Promise<void>,
    private readonly logger: PluginLogger,
  ) {}

  log(entry: TaskLogEntry): void {
    const body: TaskEventBody = { message: entry.message };
    if (entry.stepId !== undefined) body.stepId = entry.stepId;
    if (entry.level !== 'info') body.level = entry.level;
    if (entry.meta !== undefined) body.meta = entry.meta;
    this.push(body, Date.parse(entry.createdAt) || Date.now());
  }

  // The runner logs a failure's message as a line of its own, so the status event only names the step.
  stepStatus(event: StepStatusEvent): void {
    this.push({ message: `Step "${event.name}" ${statusWords[event.status]}`, stepId: event.stepId, status: event.status }, Date.now());
  }

  /** Writes what is buffered and waits for every write so far. */
  async flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#buffer.splice(0);
    this.#chain = this.#chain.then(async () => {
      for (let index = 0; index < batch.length; index += MAX_BATCH) {
        try {
          await this.write(batch.slice(index, index + MAX_BATCH));
        } catch (error) {
          this.logger.error({ err: error, taskId: this.taskId }, 'Could not write task events');
        }
      }
    });
    await this.#chain;
  }

  private push(body: TaskEventBody, createdAt: number): void {
    this.#buffer.push({ taskId: this.taskId, type: 'log', body, createdAt });
    this.#timer ??= setTimeout(() => void this.flush(), FLUSH_DELAY_MS);
  }
}
