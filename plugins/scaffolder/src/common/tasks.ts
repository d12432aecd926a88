import type { Entity, EntityMeta, JsonObject, TemplateOutput, TemplateStep } from '@portico/model';
import type { DirectoryContent, TaskOutput } from './types.js';

/** What a task is doing (Backstage's statuses). */
export type TaskStatus = 'open' | 'processing' | 'completed' | 'failed' | 'cancelled';

export const TASK_STATUSES: readonly TaskStatus[] = ['open', 'processing', 'completed', 'failed', 'cancelled'];

/** A step as a task runs it: the template's step with its id and name filled in. */
export type TaskStep = TemplateStep & { id: string; name: string };

/** Backstage's TaskSpec (v1beta3): a snapshot of the template and the request, taken when the task is created. */
export interface TaskSpec {
  apiVersion: 'scaffolder.backstage.io/v1beta3';
  steps: TaskStep[];
  output: TemplateOutput;
  /** The form values. Secrets are never here. */
  parameters: JsonObject;
  user: { ref?: string; entity?: Entity };
  templateInfo: {
    entityRef: string;
    /** The folder the template was read from (`file:` or `https:` URL, ending in "/"). */
    baseUrl?: string;
    entity?: { metadata: EntityMeta };
  };
  EXPERIMENTAL_recovery?: { EXPERIMENTAL_strategy?: string };
}

/** `GET /v2/tasks/:id` and the items of `GET /v2/tasks`. */
export interface SerializedTask {
  id: string;
  spec: TaskSpec;
  status: TaskStatus;
  createdAt: string;
  lastHeartbeatAt?: string;
  createdBy?: string;
  /** Portico: the redacted output of a completed task, or the error of a failed one. */
  state?: TaskState;
}

export interface TaskState {
  output?: TaskOutput;
  error?: { name: string; message: string; stepId?: string };
}

export type TaskEventType = 'log' | 'completion' | 'cancelled' | 'recovered';

/** One event of a task (Backstage's shape), from `/events` and `/eventstream`. */
export interface SerializedTaskEvent {
  id: number;
  taskId: string;
  type: TaskEventType;
  body: TaskEventBody;
  createdAt: string;
}

export interface TaskEventBody {
  message: string;
  stepId?: string;
  /** On step events: the step's new status; on completion: the task's. */
  status?: string;
  /** On a completion of a completed task. */
  output?: TaskOutput;
  /** On a completion of a failed task. */
  error?: { name: string; message: string };
  [key: string]: unknown;
}

/** `POST /v2/tasks`. */
export interface CreateTaskRequest {
  templateRef: string;
  values: JsonObject;
  secrets?: Record<string, string>;
}

/** `GET /v2/tasks`. */
export interface ListTasksResponse {
  tasks: SerializedTask[];
  totalTasks: number;
}

/** A value that broke the template's schema, in the shape Backstage's `400 { errors }` uses. */
export interface TemplateValidationError {
  /** The field's path, e.g. `['repo', 'owner']`. */
  path: (string | number)[];
  /** `instance.repo.owner` */
  property: string;
  message: string;
  /** The rule, e.g. `required`, `pattern`. */
  name: string;
  /** `instance.repo.owner is required` */
  stack: string;
}

/** `GET /v2/templates/:namespace/:kind/:name/parameter-schema`. */
export interface TemplateParameterSchema {
  title: string;
  description?: string;
  'ui:options'?: JsonObject;
  presentation?: JsonObject;
  steps: { title: string; description?: string; schema: JsonObject }[];
}

/** `POST /v2/dry-run`. */
export interface DryRunRequest {
  template: JsonObject;
  values: JsonObject;
  secrets?: Record<string, string>;
  directoryContents: DirectoryContent[];
}

export interface DryRunResponse {
  log: { body: TaskEventBody }[];
  directoryContents: DirectoryContent[];
  output: TaskOutput;
  steps: TaskStep[];
  /** Portico: set when a step failed (the log and the files show how far it got). */
  error?: { name: string; message: string; stepId?: string };
}
