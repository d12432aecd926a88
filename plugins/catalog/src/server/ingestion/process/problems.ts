import { attachSourcePositions, formatFieldPath, formatProblem, type EntityStatusItem, type FieldPath, type SourcePosition, type ValidationProblem } from '@portico/model';

/** The status item type of catalog processing problems (Backstage's). */
export const PROCESSING_STATUS_TYPE = 'backstage.io/catalog-processing';

/** Finds positions in the source file, if it is a YAML file we parsed. */
export type Locate = (path: FieldPath) => SourcePosition | undefined;

/**
 * One line a user can act on: `file:line:column: entity: field message (rule ...)`. Problems of
 * entities land in their status items; problems no entity can hold go to the location.
 */
export function describeProblems(problems: readonly ValidationProblem[], file: string, locate: Locate | undefined): string[] {
  const placed = attachSourcePositions(problems, locate ?? (() => undefined), file);
  return placed.map((problem) => `${formatProblem(problem)} (rule ${problem.rule})`);
}

/** A problem outside the model's validation steps (rules, substitutions, conflicts), in the same form. */
export function describeProblem(options: {
  file: string;
  entityRef?: string;
  path: FieldPath;
  rule: string;
  message: string;
  locate?: Locate;
}): string {
  let position: SourcePosition | undefined;
  for (let length = options.path.length; length >= 0 && !position; length--) {
    position = options.locate?.(options.path.slice(0, length));
  }
  const where = [options.file, position?.line, position?.line === undefined ? undefined : position.column]
    .filter((part) => part !== undefined)
    .join(':');
  const field = formatFieldPath(options.path);
  return [where, options.entityRef, `${field ? `${field} ` : ''}${options.message} (rule ${options.rule})`].filter(Boolean).join(': ');
}

export function toStatusItems(messages: readonly string[]): EntityStatusItem[] {
  return messages.map((message) => ({
    type: PROCESSING_STATUS_TYPE,
    level: 'error',
    message,
    error: { name: 'InputError', message },
  }));
}
