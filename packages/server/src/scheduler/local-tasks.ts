import { ConflictError } from '@portico/model';
import type { Logger } from 'pino';
import type { RunningTasks } from './running-tasks.js';
import type { TaskDefinition } from './task-definition.js';
import { executeTask } from './task-execution.js';
import { startTimer, type Timer } from './timers.js';

/** Runs `local` tasks: every replica on its own timers, one frequency after each run's start. */
export class LocalTasks {
  private readonly tasks = new Map<string, TaskDefinition>();
  private readonly timers = new Map<string, Timer>();
  private started = false;
  private stopped = false;

  constructor(private readonly running: RunningTasks, private readonly logger: Logger) {}

  add(task: TaskDefinition): void {
    this.tasks.set(task.id, task);
    if (this.started) this.arm(task, task.initialDelayMs);
  }

  start(): void {
    this.started = true;
    for (const task of this.tasks.values()) this.arm(task, task.initialDelayMs);
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers.values()) timer.clear();
    this.timers.clear();
  }

  async trigger(task: TaskDefinition): Promise<Error | undefined> {
    const run = this.run(task);
    if (!run) throw new ConflictError(`Task '${task.id}' is already running`);
    return run;
  }

  private arm(task: TaskDefinition, delayMs: number): void {
    if (this.stopped) return;
    this.timers.get(task.id)?.clear();
    this.timers.set(task.id, startTimer(delayMs, () => void this.run(task)));
  }

  private run(task: TaskDefinition): Promise<Error | undefined> | undefined {
    return this.running.start(task.id, async (controller) => {
      this.timers.get(task.id)?.clear();
      const startedAt = Date.now();
      const error = await executeTask(task, controller, this.logger);
      if (this.started) this.arm(task, startedAt + task.frequencyMs - Date.now());
      return error;
    });
  }
}
