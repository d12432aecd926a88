import { sql } from 'kysely';
import type { ScaffolderDb } from './context.js';

export async function putTaskSecrets({ db, now }: ScaffolderDb, row: { taskId: string; ciphertext: string; keyId: string }): Promise<void> {
  await db
    .insertInto('scaffolder_task_secrets')
    .values({ task_id: row.taskId, ciphertext: row.ciphertext, key_id: row.keyId, updated_at: now })
    .onConflict((conflict) =>
      conflict.column('task_id').doUpdateSet({ ciphertext: row.ciphertext, key_id: row.keyId, updated_at: now }),
    )
    .execute();
}

export async function getTaskSecrets({ db }: ScaffolderDb, taskId: string): Promise<{ ciphertext: string; keyId: string } | undefined> {
  const row = await db.selectFrom('scaffolder_task_secrets').select(['ciphertext', 'key_id']).where('task_id', '=', taskId).executeTakeFirst();
  return row ? { ciphertext: row.ciphertext, keyId: row.key_id } : undefined;
}

export async function deleteTaskSecrets({ db }: ScaffolderDb, taskId: string): Promise<void> {
  await db.deleteFrom('scaffolder_task_secrets').where('task_id', '=', taskId).execute();
}

/**
 * Drops the secrets of finished tasks: at once for completed and cancelled ones (normally gone
 * already), after `retentionMs` for failed ones, which keep them only so they can be retried.
 */
export async function purgeTaskSecrets({ db, now }: ScaffolderDb, retentionMs: number): Promise<number> {
  const finished = db
    .selectFrom('scaffolder_tasks')
    .select('id')
    .where((eb) =>
      eb.or([
        eb('status', 'in', ['completed', 'cancelled']),
        eb.and([eb('status', '=', 'failed'), eb('completed_at', '<', sql<number>`${now} - ${retentionMs}`)]),
      ]),
    );
  const result = await db.deleteFrom('scaffolder_task_secrets').where('task_id', 'in', finished).executeTakeFirst();
  return Number(result.numDeletedRows);
}
