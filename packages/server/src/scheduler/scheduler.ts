import { ConflictError, NotFoundError } from '@portico/model';
import type { Logger } from 'pino';
import type { DatabaseConnection } from '../database/index.js';
import type { ScheduledTask, SchedulerService } from '../plugin-api/index.js';
import { GlobalTasks } from './global-tasks.js';
import { LocalTasks } from './local-tasks.js';
import { RunningTasks } from './running-tasks.js';
import { toTaskDefinition, type TaskDefinition } from './task-definition.js';
import { stoppingReason } from './task-execution.js';
import { TaskStore } from './task-store.js';

export interface SchedulerOptions {
  /** The shared database; `global` tasks coordinate through `kernel_scheduled_tasks` in it. */
  connection: DatabaseConnection;
  logger: Logger;
  /** Names this process in lease owners and logs. */
  replicaId: string;
  /** Longest sleep between looks at the task table (default 5 s). */
  pollIntervalMs?: number;
  /** Lease length between renewals: a crashed replica's run is taken over after this (default 60 s). */
  leaseMs?: number;
  /** How long stop() waits for aborted runs to end (default 10 s). */
  stopTimeoutMs?: number;
}

/** The kernel's side of the scheduler: one per process, handing each plugin its own view. */
export interface KernelScheduler {
  /** The plugin's scheduler: task ids are namespaced `<pluginId>.<id>`. */
  forPlugin(pluginId: string): SchedulerService;
  /** Starts running tasks, including those scheduled before this call. */
  start(): void;
  /**
   * Stops starting runs, aborts the signals of running ones and waits for them to end, at most
   * `stopTimeoutMs`. Resolves (never rejects) once done; later calls return the same promise.
   */
  stop(): Promise<void>;
}

export function createScheduler(options: SchedulerOptions): KernelScheduler {
  const logger = options.logger;
  const running = new RunningTasks();
  const tasks = new Map<string, TaskDefinition>();
  const global = new GlobalTasks({
    store: new TaskStore(options.connection),
    running,
    logger,
    replicaId: options.replicaId,
    leaseMs: options.leaseMs ?? 60_000,
    pollIntervalMs: options.pollIntervalMs ?? 5_000,
  });
  const local = new LocalTasks(running, logger);
  let stopping: Promise<void> | undefined;

  const assertRunning = (action: string) => {
    if (stopping) throw new Error(`Cannot ${action}: the scheduler is stopped`);
  };

  async function trigger(task: TaskDefinition): Promise<void> {
    if (task.scope === 'local') {
      const error = await local.trigger(task);
      if (error) throw error;
      return;
    }
    const result = await global.trigger(task);
    if (!result.claimed) throw new ConflictError(`Task '${task.id}' is already running`);
    if (result.error) throw result.error;
  }

  return {
    forPlugin(pluginId) {
      return {
        schedule(scheduled: ScheduledTask) {
          const task = toTaskDefinition(pluginId, scheduled);
          assertRunning(`schedule task '${task.id}'`);
          if (tasks.has(task.id)) throw new ConflictError(`Task '${task.id}' is already scheduled`);
          tasks.set(task.id, task);
          if (task.scope === 'local') local.add(task);
          else global.add(task);
        },
        async trigger(id: string) {
          const task = tasks.get(`${pluginId}.${id}`);
          if (!task) throw new NotFoundError(`Plugin '${pluginId}' has no scheduled task '${id}'`);
          assertRunning(`trigger task '${task.id}'`);
          await trigger(task);
        },
      };
    },

    start() {
      assertRunning('start');
      local.start();
      global.start();
    },

    stop() {
      stopping ??= (async () => {
        local.stop();
        await global.stop();
        running.abortAll(stoppingReason());
        const left = await running.settle(options.stopTimeoutMs ?? 10_000);
        if (left.length > 0) {
          logger.warn({ taskIds: left }, `Tasks still running after the stop timeout: ${left.join(', ')}`);
        }
      })();
      return stopping;
    },
  };
}
