interface Run {
  readonly controller: AbortController;
  readonly done: Promise<void>;
}

/**
 * The runs in progress in this process, one per task at most. A run is entered before its lease
 * is claimed, so two timers of one process never claim the same task at once.
 */
export class RunningTasks {
  private readonly runs = new Map<string, Run>();

  has(taskId: string): boolean {
    return this.runs.has(taskId);
  }

  /** Starts `work` as the task's run, or returns undefined when the task already runs here. */
  start<T>(taskId: string, work: (controller: AbortController) => Promise<T>): Promise<T> | undefined {
    if (this.runs.has(taskId)) return undefined;
    const controller = new AbortController();
    let markDone!: () => void;
    this.runs.set(taskId, { controller, done: new Promise<void>((resolve) => (markDone = resolve)) });
    return (async () => {
      try {
        return await work(controller);
      } finally {
        this.runs.delete(taskId);
        markDone();
      }
    })();
  }

  abortAll(reason: unknown): void {
    for (const run of this.runs.values()) run.controller.abort(reason);
  }

  /** Waits until every run ended or `timeoutMs` passed; returns the tasks still running. */
  async settle(timeoutMs: number): Promise<string[]> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.all([...this.runs.values()].map((run) => run.done)), timedOut]);
    clearTimeout(timer);
    return [...this.runs.keys()];
  }
}
