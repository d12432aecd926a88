import { sql } from 'kysely';
import type { ScaffolderDb } from './context.js';

export interface ExpiredTasks {
  /** Processing tasks whose worker stopped heartbeating and whose template asks to start over. */
  restarted: string[];
  /** Processing tasks whose worker stopped heartbeating. */
  failed: string[];
  /** Open tasks whose secrets only a process that stopped could open. */
  orphaned: string[];
}

export const WORKER_LOST_MESSAGE =
  'The server running this task stopped responding (its lease expired) before the task finished; ' +
  'the step it was running may have been left half done. Check the step\'s log, then retry the task.';

export const SECRETS_LOST_MESSAGE =
  'The server that accepted this task stopped before running it, and the task\'s secrets were held only in its memory. ' +
  'Run the template again (set scaffolder.secretsKey on every replica so any of them can run it).';

/**
 * Deals with tasks whose lease ran out. Each statement is one conditional UPDATE, so every
 * replica may run this at any time: a task is restarted or failed exactly once. A restart is
 * only possible when the secrets can still be opened (none, or sealed with a shared key).
 */
export async function expireLeases({ db, now }: ScaffolderDb, options: { sharedKeyId: string | undefined }): Promise<ExpiredTasks> {
  const expired = sql<boolean>`lease_expires_at < ${now}`;
  const restarted = await db
    .updateTable('scaffolder_tasks')
    .set({ status: 'open', lease_owner: null, lease_expires_at: null, cancel_requested: 0, state: null })
    .where('status', '=', 'processing')
    .where('cancel_requested', '=', 0)
    .where(expired)
    .where('recovery_strategy', '=', 'startOver')
    .where((eb) =>
      options.sharedKeyId
        ? eb.or([eb('secrets_key_id', 'is', null), eb('secrets_key_id', '=', options.sharedKeyId)])
        : eb('secrets_key_id', 'is', null),
    )
    .returning('id')
    .execute();
  const failed = await db
    .updateTable('scaffolder_tasks')
    .set({
      status: 'failed',
      completed_at: now,
      lease_owner: null,
      lease_expires_at: null,
      state: JSON.stringify({ error: { name: 'WorkerLostError', message: WORKER_LOST_MESSAGE } }),
    })
    .where('status', '=', 'processing')
    .where(expired)
    .returning('id')
    .execute();
  const orphaned = await db
    .updateTable('scaffolder_tasks')
    .set({
      status: 'failed',
      completed_at: now,
      lease_owner: null,
      lease_expires_at: null,
      state: JSON.stringify({ error: { name: 'SecretsLostError', message: SECRETS_LOST_MESSAGE } }),
    })
    .where('status', '=', 'open')
    .where('lease_owner', 'is not', null)
    .where(expired)
    .returning('id')
    .execute();
  return { restarted: restarted.map((row) => row.id), failed: failed.map((row) => row.id), orphaned: orphaned.map((row) => row.id) };
}
