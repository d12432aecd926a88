import crypto from 'node:crypto';
import { ConflictError, NotFoundError } from '@portico/model';
import type { EventsService, PluginLogger } from '@portico/server';
import type { ListTasksResponse, SerializedTask, SerializedTaskEvent, TaskSpec } from '../../common/tasks.js';
import type { ScaffolderDb, TaskRow } from '../database/operations/context.js';
import { appendTaskEvents, listTaskEvents, type NewTaskEvent } from '../database/operations/task-events.js';
import { deleteTaskSecrets, getTaskSecrets, putTaskSecrets } from '../database/operations/task-secrets.js';
import {
  cancelOpenTask,
  finishTask,
  getTask,
  insertTask,
  listTasks,
  reopenTask,
  requestCancel,
  type TaskListQuery,
} from '../database/operations/tasks.js';
import type { SealedTaskData, SecretsVault } from './secrets-vault.js';
import { parseState, serializeTask, serializeTaskEvent, type StoredTaskState } from './serialize.js';
import { taskCancelTopic, taskEventsTopic, taskOpenedTopic } from './topics.js';

export interface TaskStoreOptions {
  sdb: ScaffolderDb;
  vault: SecretsVault;
  events: EventsService;
  /** This process: holds tasks whose secrets only it can open. */
  replicaId: string;
  leaseMs: number;
  logger: PluginLogger;
}

export interface NewTaskRequest {
  spec: TaskSpec;
  createdBy: string | undefined;
  secrets: Record<string, string>;
}

/** The outcome a worker records when it lets go of a task. */
export interface TaskOutcome {
  status: 'completed' | 'failed' | 'cancelled' | 'open';
  state: StoredTaskState | null;
  /** Written with the status change, in the same transaction. */
  events: NewTaskEvent[];
  /** What to keep for a retry (failed tasks); undefined drops the task's secrets. */
  keep?: SealedTaskData;
}

/**
 * Tasks and their events in the database. Secrets go through the vault into their own table,
 * never into `scaffolder_tasks` or an event. Changes are announced on the event topics so idle
 * workers and open event streams (on any replica) react at once.
 */
export class TaskStore {
  constructor(private readonly options: TaskStoreOptions) {}

  get sdb(): ScaffolderDb {
    return this.options.sdb;
  }

  async create(request: NewTaskRequest): Promise<string> {
    const id = crypto.randomUUID();
    const { vault } = this.options;
    const hasSecrets = Object.keys(request.secrets).length > 0;
    await this.options.sdb.db.transaction().execute(async (trx) => {
      const sdb = { ...this.options.sdb, db: trx };
      await insertTask(sdb, {
        id,
        spec: JSON.stringify(request.spec),
        templateRef: request.spec.templateInfo.entityRef,
        createdBy: request.createdBy,
        secretsKeyId: hasSecrets ? vault.keyId : undefined,
        recoveryStrategy: request.spec.EXPERIMENTAL_recovery?.EXPERIMENTAL_strategy,
        ...(hasSecrets && !vault.shared ? { holdFor: { owner: this.options.replicaId, leaseMs: this.options.leaseMs } } : {}),
      });
      if (hasSecrets) await putTaskSecrets(sdb, { taskId: id, ciphertext: vault.seal({ secrets: request.secrets }), keyId: vault.keyId });
    });
    await this.announce(taskOpenedTopic, id);
    return id;
  }

  async row(id: string): Promise<TaskRow> {
    const row = await getTask(this.options.sdb, id);
    if (!row) throw new NotFoundError(`Task with id ${id} does not exist`);
    return row;
  }

  async get(id: string): Promise<SerializedTask> {
    return serializeTask(await this.row(id));
  }

  async list(query: TaskListQuery): Promise<ListTasksResponse> {
    const { rows, total } = await listTasks(this.options.sdb, query);
    return { tasks: rows.map(serializeTask), totalTasks: total };
  }

  async events(taskId: string, after: number | undefined): Promise<SerializedTaskEvent[]> {
    return (await listTaskEvents(this.options.sdb, taskId, after)).map(serializeTaskEvent);
  }

  async appendEvents(events: readonly NewTaskEvent[]): Promise<void> {
    if (events.length === 0) return;
    await appendTaskEvents(this.options.sdb, events);
    for (const taskId of new Set(events.map((event) => event.taskId))) await this.announce(taskEventsTopic, taskId);
  }

  /** The task's secrets and retry data, or undefined when it has none. Throws when this process cannot open them. */
  async sealed(row: TaskRow): Promise<SealedTaskData | undefined> {
    if (!row.secrets_key_id) return undefined;
    const stored = await getTaskSecrets(this.options.sdb, row.id);
    if (!stored) return undefined;
    if (stored.keyId !== this.options.vault.keyId) {
      throw new Error('This task\'s secrets were sealed with a different scaffolder.secretsKey than this server has');
    }
    return this.options.vault.open(stored.ciphertext);
  }

  /** Records a worker's outcome if it still holds the task. False when another party took it. */
  async finish(taskId: string, owner: string, outcome: TaskOutcome): Promise<boolean> {
    const { vault } = this.options;
    const finished = await this.options.sdb.db.transaction().execute(async (trx) => {
      const sdb = { ...this.options.sdb, db: trx };
      const held = await finishTask(sdb, {
        id: taskId,
        owner,
        status: outcome.status,
        state: outcome.state ? JSON.stringify(outcome.state) : null,
      });
      if (!held) return false;
      if (outcome.keep && (Object.keys(outcome.keep.secrets).length || Object.keys(outcome.keep.completedSteps ?? {}).length)) {
        await putTaskSecrets(sdb, { taskId, ciphertext: vault.seal(outcome.keep), keyId: vault.keyId });
        await trx.updateTable('scaffolder_tasks').set({ secrets_key_id: vault.keyId }).where('id', '=', taskId).execute();
      } else if (outcome.status !== 'open') {
        await deleteTaskSecrets(sdb, taskId);
      }
      await appendTaskEvents(sdb, outcome.events);
      return true;
    });
    if (finished) {
      await this.announce(taskEventsTopic, taskId);
      if (outcome.status === 'open') await this.announce(taskOpenedTopic, taskId);
    }
    return finished;
  }

  /**
   * Cancels an open task at once, or asks the worker running it to stop (it records the
   * cancellation itself). A finished task cannot be cancelled.
   */
  async cancel(taskId: string): Promise<'cancelled' | 'requested'> {
    const sdb = this.options.sdb;
    const cancelledOpen = await sdb.db.transaction().execute(async (trx) => {
      const inner = { ...sdb, db: trx };
      if (!(await cancelOpenTask(inner, taskId))) return false;
      await deleteTaskSecrets(inner, taskId);
      const now = Date.now();
      await appendTaskEvents(inner, [
        { taskId, type: 'cancelled', body: { message: 'The task was cancelled before it started', status: 'cancelled' }, createdAt: now },
        { taskId, type: 'completion', body: { message: 'Run completed with status: cancelled', status: 'cancelled' }, createdAt: now },
      ]);
      return true;
    });
    if (cancelledOpen) {
      await this.announce(taskEventsTopic, taskId);
      return 'cancelled';
    }
    if (await requestCancel(sdb, taskId)) {
      await this.announce(taskCancelTopic, taskId);
      return 'requested';
    }
    const row = await this.row(taskId);
    throw new ConflictError(`Task ${taskId} is ${row.status}; only open or processing tasks can be cancelled`);
  }

  /**
   * Opens a failed or cancelled task again. The next run skips the steps that completed (their
   * outputs come from the sealed retry data) and starts at the one that failed. New `secrets`
   * replace the kept ones (they are needed when the kept ones expired or lived in another process).
   */
  async retry(taskId: string, secrets: Record<string, string> | undefined): Promise<{ resumeFrom?: string }> {
    const row = await this.row(taskId);
    if (row.status !== 'failed' && row.status !== 'cancelled') {
      throw new ConflictError(`Task ${taskId} is ${row.status}; only failed or cancelled tasks can be retried`);
    }
    let kept: SealedTaskData | undefined;
    try {
      kept = await this.sealed(row);
    } catch {
      kept = undefined;
    }
    const data: SealedTaskData = { secrets: secrets ?? kept?.secrets ?? {}, ...(kept?.completedSteps ? { completedSteps: kept.completedSteps } : {}) };
    const hasData = Object.keys(data.secrets).length > 0 || Object.keys(data.completedSteps ?? {}).length > 0;
    const { vault } = this.options;
    const failedStep = parseState(row).error?.stepId;
    const reopened = await this.options.sdb.db.transaction().execute(async (trx) => {
      const sdb = { ...this.options.sdb, db: trx };
      const ok = await reopenTask(sdb, {
        id: taskId,
        state: JSON.stringify({ resume: true } satisfies StoredTaskState),
        secretsKeyId: hasData ? vault.keyId : null,
        ...(hasData && !vault.shared ? { holdFor: { owner: this.options.replicaId, leaseMs: this.options.leaseMs } } : {}),
      });
      if (!ok) return false;
      if (hasData) await putTaskSecrets(sdb, { taskId, ciphertext: vault.seal(data), keyId: vault.keyId });
      else await deleteTaskSecrets(sdb, taskId);
      const message = failedStep && data.completedSteps ? `Retrying the task from step "${failedStep}"` : 'Retrying the task from the first step';
      await appendTaskEvents(sdb, [{ taskId, type: 'recovered', body: { message, ...(failedStep ? { stepId: failedStep } : {}) }, createdAt: Date.now() }]);
      return true;
    });
    if (!reopened) throw new ConflictError(`Task ${taskId} changed while it was being retried; try again`);
    await this.announce(taskEventsTopic, taskId);
    await this.announce(taskOpenedTopic, taskId);
    return failedStep ? { resumeFrom: failedStep } : {};
  }

  async announce(topic: typeof taskOpenedTopic, taskId: string): Promise<void> {
    try {
      await this.options.events.publish(topic, { taskId });
    } catch (error) {
      // Listeners also poll, so a lost notification only delays them.
      this.options.logger.warn({ err: error, taskId }, `Could not publish ${topic.id}`);
    }
  }
}
