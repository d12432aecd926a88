import type { Generated } from 'kysely';
import type { TaskStatus } from '../../common/tasks.js';

export type { TaskStatus };

/**
 * The scaffolder's tables. Timestamps are epoch milliseconds from the database's clock (bigint;
 * PostgreSQL returns them as strings, so read them through Number()); JSON lives in text.
 */
export interface ScaffolderTables {
  /** One row per task: what to run (a snapshot of the template), who asked, and who runs it. */
  scaffolder_tasks: {
    id: string;
    /** Backstage's TaskSpec as JSON: steps, output, parameters (form values), user, templateInfo. Never secrets. */
    spec: string;
    status: TaskStatus;
    /** The template's `kind:namespace/name`, for lists. */
    template_ref: string;
    /** The user entity ref of whoever created the task. */
    created_by: string | null;
    created_at: number | string;
    /** Set when a worker first claims it. */
    started_at: number | string | null;
    completed_at: number | string | null;
    /** The worker's last sign of life while processing. */
    last_heartbeat_at: number | string | null;
    /** The worker (replica) holding the task, while it runs; or the replica holding its secrets, while open. */
    lease_owner: string | null;
    lease_expires_at: number | string | null;
    /** How many times a worker claimed it (a retry or a restart claims it again). */
    attempts: number;
    /** 1 once cancel was asked while a worker runs it; the worker stops at its next heartbeat or at once by event. */
    cancel_requested: number;
    /** Fingerprint of the key the task's secrets are encrypted with; null when it has none to keep. */
    secrets_key_id: string | null;
    /** `startOver` when the template opts in to restart after a worker dies. */
    recovery_strategy: string | null;
    /** Redacted outcome as JSON: `{ output?, error?: { name, message, stepId? } }`. */
    state: string | null;
  };

  /** The task's log and lifecycle events, in order (Backstage's task events). */
  scaffolder_task_events: {
    id: Generated<number>;
    task_id: string;
    /** `log`, `completion`, `cancelled` or `recovered`. */
    event_type: string;
    /** JSON `{ message, stepId?, status?, ... }`, redacted before it is written. */
    body: string;
    created_at: number | string;
  };

  /**
   * Encrypted task secrets, and the unredacted outputs of completed steps a retry resumes from.
   * Deleted when a task completes or is cancelled, and after `retryRetention` when it failed.
   */
  scaffolder_task_secrets: {
    task_id: string;
    /** AES-256-GCM: base64 of iv | tag | ciphertext of `{ secrets, completedSteps }`. */
    ciphertext: string;
    key_id: string;
    updated_at: number | string;
  };
}
