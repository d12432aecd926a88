import type { Entity, JsonObject, JsonValue } from '@portico/model';
import { z } from 'zod';
import type { ActionDescription, ActionExample } from '../../common/types.js';
import type { ActionLogger } from '../logging/task-logger.js';
import type { FinalSymlink } from '../paths/workspace-paths.js';

export type { ActionDescription, ActionExample };

/** Who runs the task: `user.ref` and `user.entity` in templates. */
export interface TaskUser {
  ref?: string;
  entity?: Entity;
}

/** Where the template came from; relative `url` inputs resolve against `baseUrl`. */
export interface TemplateInfo {
  /** `kind:namespace/name` of the Template entity. */
  entityRef?: string;
  /** A `file:` URL (ending in "/") of the folder that holds the template. */
  baseUrl?: string;
}

/** What an action's handler gets for one run (one step, or one `each` iteration). */
export interface ActionContext<TInput, TOutput extends Record<string, unknown> = Record<string, JsonValue>> {
  input: TInput;
  /** The task's own folder. Use {@link resolvePath} for every path built from input. */
  workspacePath: string;
  /** Redacts the task's secrets before anything is written. */
  logger: ActionLogger;
  /** Sets `steps[id].output[name]`. Inside `each`, values collect into a list. */
  output<K extends keyof TOutput & string>(name: K, value: TOutput[K]): void;
  /** Aborted when the task is cancelled; long actions must stop. */
  signal: AbortSignal;
  isDryRun: boolean;
  user: TaskUser;
  templateInfo: TemplateInfo;
  secrets: Readonly<Record<string, string>>;
  stepId: string;
  /**
   * Resolves a path relative to the workspace: refuses `..`, absolute paths and symlinks that
   * lead out (checked against the real path of every existing part).
   */
  resolvePath(relativePath: string, finalSymlink?: FinalSymlink): Promise<string>;
}


/** A scaffolder action: `action:` in a template step. */
export interface TemplateAction<TInput = unknown, TOutput extends Record<string, unknown> = Record<string, JsonValue>> {
  id: string;
  description: string;
  examples?: ActionExample[];
  /** Dry runs skip actions that don't say they are safe to run without side effects. */
  supportsDryRun?: boolean;
  schema: { input: z.ZodType<TInput>; output?: z.ZodType<TOutput> };
  handler(ctx: ActionContext<TInput, TOutput>): Promise<void>;
}

/** An action with its types erased, as the registry holds it. */
export type AnyTemplateAction = TemplateAction<unknown, Record<string, unknown>>;

/** Defines an action; the input type comes from the zod schema. */
export function createTemplateAction<
  TInputSchema extends z.ZodType,
  TOutputSchema extends z.ZodType<Record<string, unknown>> = z.ZodType<Record<string, JsonValue>>,
>(action: {
  id: string;
  description: string;
  examples?: ActionExample[];
  supportsDryRun?: boolean;
  schema: { input: TInputSchema; output?: TOutputSchema };
  handler(ctx: ActionContext<z.output<TInputSchema>, z.output<TOutputSchema>>): Promise<void>;
}): AnyTemplateAction {
  return action as unknown as AnyTemplateAction;
}


export function describeAction(action: AnyTemplateAction): ActionDescription {
  const toSchema = (schema: z.ZodType, io: 'input' | 'output') =>
    z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonObject;
  return {
    id: action.id,
    description: action.description,
    examples: action.examples ?? [],
    schema: {
      input: toSchema(action.schema.input, 'input'),
      ...(action.schema.output ? { output: toSchema(action.schema.output, 'output') } : {}),
    },
  };
}
