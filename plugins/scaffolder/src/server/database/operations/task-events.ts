import type { TaskEventBody, TaskEventType } from '../../../common/tasks.js';
import type { ScaffolderDb, TaskEventRow } from './context.js';

export interface NewTaskEvent {
  taskId: string;
  type: TaskEventType;
  body: TaskEventBody;
  /** Epoch milliseconds. */
  createdAt: number;
}

export async function appendTaskEvents({ db }: ScaffolderDb, events: readonly NewTaskEvent[]): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('scaffolder_task_events')
    .values(events.map((event) => ({ task_id: event.taskId, event_type: event.type, body: JSON.stringify(event.body), created_at: event.createdAt })))
    .execute();
}

/** Events of a task after an event id, oldest first, at most `limit`. */
export async function listTaskEvents({ db }: ScaffolderDb, taskId: string, after: number | undefined, limit = 5000): Promise<TaskEventRow[]> {
  let query = db.selectFrom('scaffolder_task_events').selectAll().where('task_id', '=', taskId);
  if (after !== undefined) query = query.where('id', '>', after);
  return query.orderBy('id').limit(limit).execute();
}
