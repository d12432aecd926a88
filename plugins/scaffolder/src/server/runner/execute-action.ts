import { InputError, type JsonValue } from '@portico/model';
import type { ActionLogger } from '../logging/task-logger.js';
import { resolveInsideRoot } from '../paths/workspace-paths.js';
import type { ActionContext, AnyTemplateAction, TaskUser, TemplateInfo } from '../actions/types.js';

export interface ActionRunEnvironment {
  workspacePath: string;
  logger: ActionLogger;
  signal: AbortSignal;
  isDryRun: boolean;
  user: TaskUser;
  templateInfo: TemplateInfo;
  secrets: Readonly<Record<string, string>>;
  stepId: string;
  onOutput(name: string, value: JsonValue): void;
}

/** Turns zod's issues into "values.name: expected string" lines. */
function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .map((issue) => `${issue.path.length ? issue.path.map(String).join('.') : '(input)'}: ${issue.message}`)
    .join('; ');
}

/** Validates the input against the action's schema and runs its handler once. */
export async function executeAction(action: AnyTemplateAction, rawInput: JsonValue | undefined, env: ActionRunEnvironment): Promise<void> {
  const parsed = action.schema.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    throw new InputError(`Invalid input to ${action.id}: ${describeIssues(parsed.error.issues)}`);
  }
  const ctx: ActionContext<unknown, Record<string, unknown>> = {
    input: parsed.data,
    workspacePath: env.workspacePath,
    logger: env.logger,
    signal: env.signal,
    isDryRun: env.isDryRun,
    user: env.user,
    templateInfo: env.templateInfo,
    secrets: env.secrets,
    stepId: env.stepId,
    output(name, value) {
      // Outputs feed later expressions and the task record: keep them plain JSON.
      const json = value === undefined ? null : (JSON.parse(JSON.stringify(value)) as JsonValue);
      env.onOutput(name, json);
    },
    resolvePath: (relativePath, finalSymlink) => resolveInsideRoot(env.workspacePath, relativePath, finalSymlink),
  };
  env.signal.throwIfAborted();
  await action.handler(ctx);
}
