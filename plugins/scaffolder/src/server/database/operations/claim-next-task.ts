import { sql } from 'kysely';
import type { ScaffolderDb, TaskRow } from './context.js';

export interface ClaimRequest {
  /** The worker's replica id. */
  owner: string;
  leaseMs: number;
  /** The key this worker can open task secrets with; tasks sealed with another key are left alone. */
  keyId: string;
}

/**
 * Takes the oldest open task this worker can run and marks it processing under a lease, in one
 * statement: on PostgreSQL the candidate row is locked with `FOR UPDATE SKIP LOCKED`, so
 * concurrent workers pick different tasks instead of waiting; SQLite runs one writer at a time,
 * and the `status = 'open'` check in the UPDATE makes a lost race return nothing.
 */
export async function claimNextTask({ db, dialect, now }: ScaffolderDb, claim: ClaimRequest): Promise<TaskRow | undefined> {
  let candidate = db
    .selectFrom('scaffolder_tasks')
    .select('id')
    .where('status', '=', 'open')
    .where((eb) => eb.or([eb('secrets_key_id', 'is', null), eb('secrets_key_id', '=', claim.keyId)]))
    .orderBy('created_at')
    .orderBy('id')
    .limit(1);
  if (dialect === 'pg') candidate = candidate.forUpdate().skipLocked();
  return db
    .updateTable('scaffolder_tasks')
    .set((eb) => ({
      status: 'processing',
      lease_owner: claim.owner,
      lease_expires_at: sql<number>`${now} + ${claim.leaseMs}`,
      last_heartbeat_at: now,
      started_at: eb.fn.coalesce('started_at', now),
      attempts: sql<number>`attempts + 1`,
      cancel_requested: 0,
    }))
    .where('id', '=', candidate)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirst();
}
