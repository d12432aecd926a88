import type { SerializedTask, SerializedTaskEvent, TaskEventBody, TaskEventType, TaskSpec, TaskState } from '../../common/tasks.js';
import { toMillis } from '../database/clock.js';
import type { TaskEventRow, TaskRow } from '../database/operations/context.js';

/** The `state` column: the outcome shown to users, plus whether the next run resumes after completed steps. */
export interface StoredTaskState extends TaskState {
  resume?: boolean;
}

export function parseState(row: Pick<TaskRow, 'state'>): StoredTaskState {
  return row.state ? (JSON.parse(row.state) as StoredTaskState) : {};
}

const iso = (value: number | string | null) => {
  const ms = toMillis(value);
  return ms === undefined ? undefined : new Date(ms).toISOString();
};

export function serializeTask(row: TaskRow): SerializedTask {
  const { output, error } = parseState(row);
  const state: TaskState = { ...(output ? { output } : {}), ...(error ? { error } : {}) };
  const lastHeartbeatAt = iso(row.last_heartbeat_at);
  return {
    id: row.id,
    spec: JSON.parse(row.spec) as TaskSpec,
    status: row.status,
    createdAt: iso(row.created_at) ?? new Date(0).toISOString(),
    ...(lastHeartbeatAt ? { lastHeartbeatAt } : {}),
    ...(row.created_by ? { createdBy: row.created_by } : {}),
    ...(output || error ? { state } : {}),
  };
}

export function serializeTaskEvent(row: TaskEventRow): SerializedTaskEvent {
  return {
    id: Number(row.id),
    taskId: row.task_id,
    type: row.event_type as TaskEventType,
    body: JSON.parse(row.body) as TaskEventBody,
    createdAt: iso(row.created_at) ?? new Date(0).toISOString(),
  };
}
