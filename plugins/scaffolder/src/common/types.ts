import type { JsonObject } from '@portico/model';

export interface ActionExample {
  description: string;
  /** A YAML snippet of a step using the action. */
  example: string;
}

/** How `GET /v2/actions` lists an action. */
export interface ActionDescription {
  id: string;
  description: string;
  examples: ActionExample[];
  schema: { input: JsonObject; output?: JsonObject };
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** One line of a task's log, already redacted. The task store turns these into `log` events. */
export interface TaskLogEntry {
  level: LogLevel;
  message: string;
  /** The step that wrote it; absent for the runner's own lines before or after the steps. */
  stepId?: string;
  meta?: JsonObject;
  createdAt: string;
}

/** A value that failed the template's parameter schema: `path` is dotted (`repo.owner`, `tags.0`). */
export interface ParameterFieldError {
  path: string;
  message: string;
}

/** A link of a finished task's output. */
export interface TaskOutputLink {
  title?: string;
  icon?: string;
  url?: string;
  entityRef?: string;
}

export interface TaskOutputText {
  title?: string;
  icon?: string;
  content?: string;
  default?: boolean;
}

/** The evaluated `output` of a template: links, text and any other keys the template set. */
export interface TaskOutput {
  links?: TaskOutputLink[];
  text?: TaskOutputText[];
  [key: string]: unknown;
}

/** What a step ended as. */
export type StepStatus = 'processing' | 'completed' | 'failed' | 'skipped' | 'cancelled';

/** A file in a dry run's request (the template folder) or response (the files produced). */
export interface DirectoryContent {
  /** Relative, forward slashes. */
  path: string;
  base64Content: string;
  executable?: boolean;
}
