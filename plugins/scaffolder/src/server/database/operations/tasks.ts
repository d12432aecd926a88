import { sql } from 'kysely';
import type { TaskStatus } from '../tables.js';
import type { ScaffolderDb, TaskRow } from './context.js';

export interface NewTask {
  id: string;
  spec: string;
  templateRef: string;
  createdBy: string | undefined;
  secretsKeyId: string | undefined;
  recoveryStrategy: string | undefined;
  /**
   * Set when the secrets can be opened only by this process: the task is leased to it while
   * open, so it is failed (not left open forever) if this process stops before running it.
   */
  holdFor?: { owner: string; leaseMs: number };
}

export async function insertTask({ db, now }: ScaffolderDb, task: NewTask): Promise<void> {
  await db
    .insertInto('scaffolder_tasks')
    .values({
      id: task.id,
      spec: task.spec,
      status: 'open',
      template_ref: task.templateRef,
      created_by: task.createdBy ?? null,
      created_at: now,
      attempts: 0,
      cancel_requested: 0,
      secrets_key_id: task.secretsKeyId ?? null,
      recovery_strategy: task.recoveryStrategy ?? null,
      lease_owner: task.holdFor?.owner ?? null,
      lease_expires_at: task.holdFor ? sql<number>`${now} + ${task.holdFor.leaseMs}` : null,
    })
    .execute();
}

export async function getTask({ db }: ScaffolderDb, id: string): Promise<TaskRow | undefined> {
  return db.selectFrom('scaffolder_tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface TaskListQuery {
  createdBy?: string;
  status?: TaskStatus[];
  limit: number;
  offset: number;
  order: 'asc' | 'desc';
}

export async function listTasks({ db }: ScaffolderDb, query: TaskListQuery): Promise<{ rows: TaskRow[]; total: number }> {
  let base = db.selectFrom('scaffolder_tasks');
  if (query.createdBy !== undefined) base = base.where('created_by', '=', query.createdBy);
  if (query.status?.length) base = base.where('status', 'in', query.status);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('created_at', query.order).orderBy('id', query.order).limit(query.limit).offset(query.offset).execute(),
    base.select((eb) => eb.fn.countAll<number | string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

/**
 * Renews this worker's leases: on the tasks it runs (`running`) and on open tasks it holds for
 * their secrets. A running task missing from the answer was taken from this worker. A task
 * leased to this worker that it does not run is not renewed, so it expires and is dealt with.
 */
export async function heartbeatTasks(
  { db, now }: ScaffolderDb,
  beat: { owner: string; leaseMs: number; running: readonly string[] },
): Promise<{ id: string; status: TaskStatus; cancelRequested: boolean }[]> {
  const rows = await db
    .updateTable('scaffolder_tasks')
    .set({ lease_expires_at: sql<number>`${now} + ${beat.leaseMs}`, last_heartbeat_at: now })
    .where('lease_owner', '=', beat.owner)
    .where((eb) =>
      beat.running.length
        ? eb.or([eb('status', '=', 'open'), eb.and([eb('status', '=', 'processing'), eb('id', 'in', [...beat.running])])])
        : eb('status', '=', 'open'),
    )
    .returning(['id', 'status', 'cancel_requested'])
    .execute();
  return rows.map((row) => ({ id: row.id, status: row.status, cancelRequested: Number(row.cancel_requested) === 1 }));
}

/** A worker's last word on a task it holds; false when it no longer holds it. */
export async function finishTask(
  { db, now }: ScaffolderDb,
  finish: { id: string; owner: string; status: 'completed' | 'failed' | 'cancelled' | 'open'; state: string | null },
): Promise<boolean> {
  const terminal = finish.status !== 'open';
  const result = await db
    .updateTable('scaffolder_tasks')
    .set({
      status: finish.status,
      state: finish.state,
      lease_owner: null,
      lease_expires_at: null,
      cancel_requested: 0,
      completed_at: terminal ? now : null,
    })
    .where('id', '=', finish.id)
    .where('lease_owner', '=', finish.owner)
    .where('status', '=', 'processing')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Cancels a task nobody runs yet. True when it was open. */
export async function cancelOpenTask({ db, now }: ScaffolderDb, id: string): Promise<boolean> {
  const result = await db
    .updateTable('scaffolder_tasks')
    .set({ status: 'cancelled', completed_at: now, lease_owner: null, lease_expires_at: null })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Asks the worker running a task to stop. True when it was processing. */
export async function requestCancel({ db }: ScaffolderDb, id: string): Promise<boolean> {
  const result = await db
    .updateTable('scaffolder_tasks')
    .set({ cancel_requested: 1 })
    .where('id', '=', id)
    .where('status', '=', 'processing')
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Opens a failed or cancelled task again; `state` tells the worker to resume after the completed steps. */
export async function reopenTask(
  { db, now }: ScaffolderDb,
  reopen: { id: string; state: string; secretsKeyId: string | null; holdFor?: { owner: string; leaseMs: number } },
): Promise<boolean> {
  const result = await db
    .updateTable('scaffolder_tasks')
    .set({
      status: 'open',
      state: reopen.state,
      completed_at: null,
      cancel_requested: 0,
      secrets_key_id: reopen.secretsKeyId,
      lease_owner: reopen.holdFor?.owner ?? null,
      lease_expires_at: reopen.holdFor ? sql<number>`${now} + ${reopen.holdFor.leaseMs}` : null,
    })
    .where('id', '=', reopen.id)
    .where('status', 'in', ['failed', 'cancelled'])
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
