import type { EventsService, PluginLogger } from '@portico/server';
import { claimNextTask } from '../database/operations/claim-next-task.js';
import type { TaskRow } from '../database/operations/context.js';
import { expireLeases, SECRETS_LOST_MESSAGE, WORKER_LOST_MESSAGE } from '../database/operations/expire-leases.js';
import { purgeTaskSecrets } from '../database/operations/task-secrets.js';
import { heartbeatTasks } from '../database/operations/tasks.js';
import { runClaimedTask, type AbortReason, type TaskRunnerOptions } from './run-task.js';
import type { SecretsVault } from './secrets-vault.js';
import { parseState } from './serialize.js';
import type { TaskStore } from './task-store.js';
import { taskCancelTopic, taskOpenedTopic } from './topics.js';

export interface TaskWorkerOptions {
  store: TaskStore;
  runner: TaskRunnerOptions;
  vault: SecretsVault;
  events: EventsService;
  logger: PluginLogger;
  /** This replica; the lease owner of the tasks it runs. */
  owner: string;
  concurrency: number;
  leaseMs: number;
  pollMs: number;
  retentionMs: number;
}

interface RunningTask {
  abort(reason: AbortReason): void;
  done: Promise<void>;
}

const PURGE_EVERY_MS = 60_000;

/**
 * Runs tasks on this replica. It claims open tasks with a lease (one atomic UPDATE, so two
 * replicas never take the same task), heartbeats while they run, stops a task when it is
 * cancelled or its lease is lost, and deals with tasks whose worker died (their lease ran out).
 * It sleeps between polls and is woken by `scaffolder.task.opened` events.
 */
export class TaskWorker {
  readonly #running = new Map<string, RunningTask>();
  readonly #unsubscribe: Array<() => void> = [];
  #stopped = true;
  #loop: Promise<void> | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #wake: (() => void) | undefined;
  #wakePending = false;
  #lastBeatAt = Date.now();
  #lastMaintenanceAt = 0;
  #lastPurgeAt = 0;

  constructor(private readonly options: TaskWorkerOptions) {}

  /** Ids of the tasks running here now. */
  get running(): string[] {
    return [...this.#running.keys()];
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    const { events } = this.options;
    this.#unsubscribe.push(
      events.subscribe(taskOpenedTopic, () => this.wake()),
      events.subscribe(taskCancelTopic, ({ taskId }) => this.#running.get(taskId)?.abort('cancel')),
    );
    this.#heartbeat = setInterval(() => void this.beat(), Math.max(50, Math.floor(this.options.leaseMs / 3)));
    this.#heartbeat.unref();
    this.#loop = this.loop();
  }

  /**
   * Stops claiming and aborts what runs here: each task records a clear outcome (failed with the
   * step it was in, or open again when its template asks to start over).
   */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    clearInterval(this.#heartbeat);
    this.wake();
    await this.#loop;
    for (const task of this.#running.values()) task.abort('shutdown');
    await Promise.all([...this.#running.values()].map((task) => task.done));
  }

  wake(): void {
    if (this.#wake) this.#wake();
    else this.#wakePending = true;
  }

  private async loop(): Promise<void> {
    const { logger } = this.options;
    while (!this.#stopped) {
      try {
        await this.maintain();
        while (!this.#stopped && this.#running.size < this.options.concurrency) {
          const row = await claimNextTask(this.options.store.sdb, {
            owner: this.options.owner,
            leaseMs: this.options.leaseMs,
            keyId: this.options.vault.keyId,
          });
          if (!row) break;
          if (this.#stopped) {
            await this.release(row);
            break;
          }
          this.launch(row);
        }
      } catch (error) {
        logger.error({ err: error }, 'Scaffolder worker: looking for tasks failed');
      }
      await this.sleep(this.options.pollMs);
    }
  }

  private launch(row: TaskRow): void {
    const controller = new AbortController();
    let reason: AbortReason | undefined;
    const abort = (why: AbortReason) => {
      if (reason) return;
      reason = why;
      controller.abort(new Error(`Task ${why}`));
    };
    this.options.logger.info({ taskId: row.id, attempt: row.attempts }, 'Running scaffolder task');
    const done = runClaimedTask(this.options.runner, row, { owner: this.options.owner, signal: controller.signal, reason: () => reason })
      .catch((error: unknown) => this.options.logger.error({ err: error, taskId: row.id }, 'Scaffolder task crashed'))
      .finally(() => {
        this.#running.delete(row.id);
        this.wake();
      });
    this.#running.set(row.id, { abort, done });
  }

  // Claimed during shutdown: hand it back untouched for another replica, unless its secrets
  // can be opened only here.
  private async release(row: TaskRow): Promise<void> {
    if (row.secrets_key_id && !this.options.vault.shared) {
      const body = { message: 'Run completed with status: failed', status: 'failed', error: { name: 'SecretsLostError', message: SECRETS_LOST_MESSAGE } };
      await this.options.store.finish(row.id, this.options.owner, {
        status: 'failed',
        state: { error: body.error },
        events: [{ taskId: row.id, type: 'completion', body, createdAt: Date.now() }],
      });
      return;
    }
    await this.options.store.finish(row.id, this.options.owner, { status: 'open', state: parseState(row), events: [] });
  }

  private async beat(): Promise<void> {
    // Judge only the tasks that ran before the query started: a task claimed meanwhile is not in
    // its answer, and must not be taken for one whose lease was lost.
    const running = [...this.#running.keys()];
    try {
      const held = await heartbeatTasks(this.options.store.sdb, { owner: this.options.owner, leaseMs: this.options.leaseMs, running });
      this.#lastBeatAt = Date.now();
      const byId = new Map(held.map((task) => [task.id, task]));
      for (const taskId of running) {
        const task = this.#running.get(taskId);
        const state = byId.get(taskId);
        if (!task) continue;
        if (!state || state.status !== 'processing') task.abort('lease-lost');
        else if (state.cancelRequested) task.abort('cancel');
      }
    } catch (error) {
      this.options.logger.warn({ err: error }, 'Scaffolder worker: heartbeat failed');
      // Without heartbeats the leases run out and other replicas take over: stop before they do.
      if (Date.now() - this.#lastBeatAt > this.options.leaseMs) for (const task of this.#running.values()) task.abort('lease-lost');
    }
  }

  /** Fails or restarts tasks whose worker died; drops old secrets. Safe on every replica at once. */
  private async maintain(): Promise<void> {
    const now = Date.now();
    if (now - this.#lastMaintenanceAt < this.options.pollMs) return;
    this.#lastMaintenanceAt = now;
    const { store, vault } = this.options;
    const expired = await expireLeases(store.sdb, { sharedKeyId: vault.shared ? vault.keyId : undefined });
    const at = Date.now();
    await store.appendEvents([
      ...expired.restarted.map((taskId) => ({
        taskId,
        type: 'recovered' as const,
        body: { message: 'The server running this task stopped responding; the task starts over (EXPERIMENTAL_recovery: startOver)', recoverStrategy: 'startOver' },
        createdAt: at,
      })),
      ...expired.failed.map((taskId) => ({
        taskId,
        type: 'completion' as const,
        body: { message: 'Run completed with status: failed', status: 'failed', error: { name: 'WorkerLostError', message: WORKER_LOST_MESSAGE } },
        createdAt: at,
      })),
      ...expired.orphaned.map((taskId) => ({
        taskId,
        type: 'completion' as const,
        body: { message: 'Run completed with status: failed', status: 'failed', error: { name: 'SecretsLostError', message: SECRETS_LOST_MESSAGE } },
        createdAt: at,
      })),
    ]);
    for (const taskId of [...expired.failed, ...expired.orphaned]) this.options.logger.warn({ taskId }, 'Failed a scaffolder task whose worker stopped');
    if (expired.restarted.length) this.wake();
    if (now - this.#lastPurgeAt >= PURGE_EVERY_MS) {
      this.#lastPurgeAt = now;
      await purgeTaskSecrets(store.sdb, this.options.retentionMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.#wakePending || this.#stopped) {
      this.#wakePending = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = () => {
        this.#wake = undefined;
        done();
      };
    }).finally(() => {
      this.#wake = undefined;
      this.#wakePending = false;
    });
  }
}
