import { randomUUID } from 'node:crypto';
import { toError } from '@portico/model';
import type { Logger } from 'pino';
import type { RunningTasks } from './running-tasks.js';
import type { TaskDefinition } from './task-definition.js';
import { executeTask } from './task-execution.js';
import type { TaskStore } from './task-store.js';
import { startTimer, type Timer } from './timers.js';

export interface GlobalTasksOptions {
  store: TaskStore;
  running: RunningTasks;
  logger: Logger;
  replicaId: string;
  /** How long a lease lasts without renewal: how soon a crashed replica's run is taken over. */
  leaseMs: number;
  /** The longest this replica sleeps before looking at the table again. */
  pollIntervalMs: number;
}

export type GlobalRunResult = { claimed: false } | { claimed: true; error: Error | undefined };

interface Entry {
  readonly task: TaskDefinition;
  registered: boolean;
  /** This replica's own initial delay, in its local clock. */
  notBefore: number;
}

/**
 * Runs `global` tasks: one loop per replica reads when each task is due (in database time),
 * sleeps until the earliest of those (or the poll interval, since other replicas move the
 * plan), and claims due tasks through the lease in `kernel_scheduled_tasks`. The claim is a
 * single conditional UPDATE, so exactly one replica wins each run.
 */
export class GlobalTasks {
  private readonly entries = new Map<string, Entry>();
  private timer: Timer | undefined;
  private ticking: Promise<void> | undefined;
  private tickAgain = false;
  private started = false;
  private stopped = false;

  constructor(private readonly options: GlobalTasksOptions) {}

  add(task: TaskDefinition): void {
    const entry: Entry = { task, registered: false, notBefore: Date.now() + task.initialDelayMs };
    this.entries.set(task.id, entry);
    this.wake();
  }

  start(): void {
    this.started = true;
    const now = Date.now();
    for (const entry of this.entries.values()) entry.notBefore = now + entry.task.initialDelayMs;
    this.wake();
  }

  /** Stops looking for due tasks; runs in progress are the caller's to abort and await. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.timer?.clear();
    await this.ticking;
  }

  /** Runs the task now unless a run of it holds the lease anywhere. */
  async trigger(task: TaskDefinition): Promise<GlobalRunResult> {
    const entry = this.entries.get(task.id);
    if (entry && !entry.registered) await this.register(entry);
    return this.run(task, true);
  }

  private wake(): void {
    if (!this.started || this.stopped) return;
    if (this.ticking) {
      this.tickAgain = true;
      return;
    }
    this.timer?.clear();
    this.ticking = this.tick().then((waitMs) => {
      this.ticking = undefined;
      if (this.stopped) return;
      if (this.tickAgain) {
        this.tickAgain = false;
        this.wake();
      } else {
        this.timer = startTimer(waitMs, () => this.wake());
      }
    });
  }

  /** Claims what is due and returns how long to sleep before the next look. */
  private async tick(): Promise<number> {
    let waitMs = this.options.pollIntervalMs;
    try {
      for (const entry of this.entries.values()) if (!entry.registered) await this.register(entry);
      const entries = [...this.entries.values()];
      const timings = new Map(
        (await this.options.store.timings(entries.map((entry) => entry.task.id))).map((timing) => [timing.id, timing]),
      );
      for (const { task, notBefore } of entries) {
        const timing = timings.get(task.id);
        if (!timing) {
          // The row disappeared (someone cleared the table): put it back on the next look.
          this.entries.get(task.id)!.registered = false;
          waitMs = 0;
          continue;
        }
        if (this.options.running.has(task.id)) continue;
        const localWaitMs = notBefore - Date.now();
        if (localWaitMs > 0) {
          waitMs = Math.min(waitMs, localWaitMs);
        } else if (timing.nextRunAt > timing.now) {
          waitMs = Math.min(waitMs, timing.nextRunAt - timing.now);
        } else if (timing.leaseExpiresAt !== null && timing.leaseExpiresAt >= timing.now) {
          waitMs = Math.min(waitMs, timing.leaseExpiresAt - timing.now + 1);
        } else {
          void this.run(task, false);
        }
      }
    } catch (error) {
      this.options.logger.warn({ err: toError(error) }, 'Could not check the scheduled tasks; trying again');
    }
    return Math.max(waitMs, 5);
  }

  private async register(entry: Entry): Promise<void> {
    const { id, frequencyMs, initialDelayMs } = entry.task;
    await this.options.store.register({ id, frequencyMs, initialDelayMs });
    entry.registered = true;
  }

  private run(task: TaskDefinition, force: boolean): Promise<GlobalRunResult> {
    const run = this.options.running.start(task.id, (controller) => this.claimAndRun(task, controller, force));
    return run ?? Promise.resolve({ claimed: false });
  }

  private async claimAndRun(task: TaskDefinition, controller: AbortController, force: boolean): Promise<GlobalRunResult> {
    const { store, logger } = this.options;
    if (this.stopped && !force) return { claimed: false };
    const owner = `${this.options.replicaId}:${randomUUID()}`;
    const leaseMs = Math.min(this.options.leaseMs, task.timeoutMs);
    let startedAt: number | undefined;
    try {
      startedAt = await store.claim({ id: task.id, owner, leaseMs, force });
    } catch (error) {
      if (force) throw error;
      logger.warn({ taskId: task.id, err: toError(error) }, `Could not claim task '${task.id}'`);
      return { claimed: false };
    }
    if (startedAt === undefined) {
      // Another replica won the race; look again at what it left in the table.
      if (!force) queueMicrotask(() => this.wake());
      return { claimed: false };
    }

    const renewal = this.keepLease(task, owner, leaseMs, startedAt + task.timeoutMs, controller);
    const error = await executeTask(task, controller, logger);
    renewal.clear();
    // A run cut short by shutdown stays due, so that another replica redoes it at once.
    const interrupted = error !== undefined && this.stopped;
    try {
      const released = await store.finish({ id: task.id, owner, error, advance: !interrupted });
      if (!released) {
        logger.warn({ taskId: task.id }, `Task '${task.id}' lost its lease before the run ended; another replica may have run it meanwhile`);
      }
    } catch (finishError) {
      logger.error({ taskId: task.id, err: toError(finishError) }, `Could not record the end of a run of task '${task.id}'`);
    }
    this.wake();
    return { claimed: true, error };
  }

  /** Renews the lease while the run lasts, so a crashed replica's lease runs out within leaseMs. */
  private keepLease(task: TaskDefinition, owner: string, leaseMs: number, deadline: number, controller: AbortController): Timer {
    if (leaseMs >= task.timeoutMs) return { clear: () => undefined };
    let renewing = false;
    const interval = setInterval(() => {
      if (renewing) return;
      renewing = true;
      this.options.store
        .renew({ id: task.id, owner, leaseMs, deadline })
        .then((held) => {
          if (held) return;
          this.options.logger.warn({ taskId: task.id }, `Task '${task.id}' lost its lease; aborting the run`);
          controller.abort(new DOMException(`Task '${task.id}' lost its lease`, 'AbortError'));
        })
        .catch((error: unknown) => {
          this.options.logger.warn({ taskId: task.id, err: toError(error) }, `Could not renew the lease of task '${task.id}'`);
        })
        .finally(() => (renewing = false));
    }, Math.max(Math.floor(leaseMs / 3), 1));
    interval.unref();
    const clear = () => clearInterval(interval);
    controller.signal.addEventListener('abort', clear, { once: true });
    return { clear };
  }
}
