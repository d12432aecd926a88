import { sql, type Kysely } from 'kysely';
import type { DatabaseConnection } from '../database/index.js';
import { databaseNow } from './database-clock.js';
import type { SchedulerTables } from './tables.js';

/** What a replica needs to know about a global task to decide when to look again. */
export interface TaskTiming {
  id: string;
  nextRunAt: number;
  leaseExpiresAt: number | null;
  /** The database's time when the row was read. */
  now: number;
}

const maxErrorLength = 2_000;

/**
 * The SQL behind `global` tasks. Every decision about who runs a task is one atomic UPDATE, so
 * replicas (or several processes on one SQLite file) never need to talk to each other.
 */
export class TaskStore {
  private readonly db: Kysely<SchedulerTables>;
  private readonly now;

  constructor(connection: DatabaseConnection) {
    // The connection's builder knows no tables; this class touches only the one it creates.
    this.db = connection.kysely as unknown as Kysely<SchedulerTables>;
    this.now = databaseNow(connection.dialect);
  }

  /**
   * Adds the task's row, or updates the frequency of an existing one. A replica that restarts
   * keeps the planned next run; a changed frequency replans it from now.
   */
  async register(task: { id: string; frequencyMs: number; initialDelayMs: number }): Promise<void> {
    const firstRunAt = sql<number>`${this.now} + ${task.initialDelayMs}`;
    await this.db
      .insertInto('kernel_scheduled_tasks')
      .values({ id: task.id, frequency_ms: task.frequencyMs, next_run_at: firstRunAt })
      .onConflict((conflict) =>
        conflict.column('id').doUpdateSet((eb) => ({
          frequency_ms: eb.ref('excluded.frequency_ms'),
          next_run_at: eb
            .case()
            .when('kernel_scheduled_tasks.frequency_ms', '=', eb.ref('excluded.frequency_ms'))
            .then(eb.ref('kernel_scheduled_tasks.next_run_at'))
            .else(eb.ref('excluded.next_run_at'))
            .end(),
        })),
      )
      .execute();
  }

  async timings(ids: readonly string[]): Promise<TaskTiming[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('kernel_scheduled_tasks')
      .select(['id', 'next_run_at', 'lease_expires_at', this.now.as('now')])
      .where('id', 'in', ids)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      nextRunAt: Number(row.next_run_at),
      leaseExpiresAt: row.lease_expires_at === null ? null : Number(row.lease_expires_at),
      now: Number(row.now),
    }));
  }

  /**
   * Takes the lease if the task is due (or `force`, for a trigger) and nobody holds a live lease.
   * Returns the run's start in database time, or undefined when another run holds the task.
   */
  async claim(claim: { id: string; owner: string; leaseMs: number; force: boolean }): Promise<number | undefined> {
    const row = await this.db
      .updateTable('kernel_scheduled_tasks')
      .set({
        lease_owner: claim.owner,
        lease_expires_at: sql<number>`${this.now} + ${claim.leaseMs}`,
        last_run_started_at: this.now,
      })
      .where('id', '=', claim.id)
      .where((eb) => (claim.force ? eb.lit(true) : eb('next_run_at', '<=', this.now)))
      .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', this.now)]))
      .returning('last_run_started_at')
      .executeTakeFirst();
    return row?.last_run_started_at == null ? undefined : Number(row.last_run_started_at);
  }

  /**
   * Extends a held lease by `leaseMs`, never past `deadline` (the run's timeout). Returns false
   * when the lease is no longer ours.
   */
  async renew(renewal: { id: string; owner: string; leaseMs: number; deadline: number }): Promise<boolean> {
    const extended = sql<number>`${this.now} + ${renewal.leaseMs}`;
    const result = await this.db
      .updateTable('kernel_scheduled_tasks')
      .set((eb) => ({
        lease_expires_at: eb
          .case()
          .when(extended, '<', renewal.deadline)
          .then(extended)
          .else(renewal.deadline)
          .end(),
      }))
      .where('id', '=', renewal.id)
      .where('lease_owner', '=', renewal.owner)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /**
   * Releases the lease after a run. `advance` plans the next run one frequency after this run's
   * start; without it (a run cut short by shutdown) the task stays due, so another replica
   * picks it up at once. Returns false when the lease was lost before the run ended.
   */
  async finish(run: { id: string; owner: string; error: Error | undefined; advance: boolean }): Promise<boolean> {
    const result = await this.db
      .updateTable('kernel_scheduled_tasks')
      .set({
        ...(run.advance ? { next_run_at: sql<number>`last_run_started_at + frequency_ms` } : {}),
        lease_owner: null,
        lease_expires_at: null,
        last_run_ended_at: this.now,
        last_run_error: run.error ? run.error.message.slice(0, maxErrorLength) : null,
      })
      .where('id', '=', run.id)
      .where('lease_owner', '=', run.owner)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}
