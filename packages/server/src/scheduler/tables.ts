/**
 * The kernel's table for `global` tasks. Every time is epoch milliseconds taken from the
 * database's clock (see database-clock.ts), stored as a 64-bit integer so that it compares the
 * same way on SQLite and PostgreSQL and replicas never compare their own clocks with each other.
 */
export type ScheduledTaskRow = {
  /** `<pluginId>.<taskId>` */
  id: string;
  frequency_ms: number;
  /** A replica may claim the task once this time has passed. */
  next_run_at: number;
  /** The run that holds the lease: `<replicaId>:<uuid>`; null when no run is in progress. */
  lease_owner: string | null;
  /** The holder renews this while it runs; once it passes, another replica may claim the task. */
  lease_expires_at: number | null;
  last_run_started_at: number | null;
  last_run_ended_at: number | null;
  /** The message of the last run's error; null when it succeeded. */
  last_run_error: string | null;
};

export type SchedulerTables = {
  kernel_scheduled_tasks: ScheduledTaskRow;
};
