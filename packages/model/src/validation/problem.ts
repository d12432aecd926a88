/**
 * A validation problem names the entity, the field and the rule broken, in words a user can act
 * on. The path is kept as segments so a server that parsed the YAML can map it back to a
 * line and column (see attachSourcePositions).
 */

/** Where a problem sits in its source file. Lines and columns are 1-based. */
export interface SourcePosition {
  file?: string;
  line?: number;
  column?: number;
}

/** Field path as segments: `['spec', 'owner']`, `['metadata', 'tags', 2]`. Empty = the document. */
export type FieldPath = readonly (string | number)[];

/** The step of the catalog's pipeline that found the problem (the same steps as Backstage). */
export type ProblemStage = 'yaml' | 'envelope' | 'policy' | 'kind' | 'relations';

/** Machine-readable name of the rule that was broken. */
export type ProblemRule =
  | 'yamlSyntax'
  | 'notAnObject'
  | 'required'
  | 'type'
  | 'notEmpty'
  | 'enum'
  | 'entityName'
  | 'namespace'
  | 'kindFormat'
  | 'apiVersionFormat'
  | 'labelKey'
  | 'labelValue'
  | 'annotationKey'
  | 'tag'
  | 'url'
  | 'blank'
  | 'foreignRootField'
  | 'readOnlyField'
  | 'unknownKind'
  | 'unsupportedApiVersion'
  | 'entityRef';

export interface ValidationProblem {
  /** `kind:namespace/name` (lower-cased) when the document says enough to know it. */
  entityRef?: string;
  /** Segments of the offending field. */
  path: FieldPath;
  /** The same path written for people: `spec.owner`, `metadata.tags[2]`, `metadata.annotations["a/b"]`. */
  field: string;
  stage: ProblemStage;
  rule: ProblemRule;
  /** A whole sentence that starts with the field and says what to do. */
  message: string;
  /** Filled in by whoever knows the source text (the catalog server for YAML files). */
  position?: SourcePosition;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Writes a path as people read it: `spec.steps[0].action`, `metadata.labels["a.io/b"]`. */
export function formatFieldPath(path: FieldPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Finds a position for a path, or undefined when the source has no node there. */
export type PositionLocator = (path: FieldPath) => SourcePosition | undefined;

/**
 * Adds source positions to problems. For a field that is missing (e.g. a required one), the
 * nearest enclosing field that exists is used, so the user lands on the right mapping.
 */
export function attachSourcePositions(
  problems: readonly ValidationProblem[],
  locate: PositionLocator,
  file?: string,
): ValidationProblem[] {
  return problems.map((problem) => {
    let found: SourcePosition | undefined;
    for (let length = problem.path.length; length >= 0 && !found; length--) {
      found = locate(problem.path.slice(0, length));
    }
    const position: SourcePosition = { ...problem.position, ...(file === undefined ? {} : { file }), ...found };
    return Object.keys(position).length ? { ...problem, position } : { ...problem };
  });
}

/** One line per problem: `file:line:column: entity: message`, leaving out what is unknown. */
export function formatProblem(problem: ValidationProblem): string {
  const where = problem.position;
  const location = where?.file
    ? [where.file, where.line, where.line === undefined ? undefined : where.column]
        .filter((part) => part !== undefined)
        .join(':')
    : where?.line !== undefined
      ? `line ${where.line}${where.column === undefined ? '' : `, column ${where.column}`}`
      : undefined;
  return [location, problem.entityRef, problem.message].filter(Boolean).join(': ');
}

/** All problems, one per line, for an error message. */
export function formatProblems(problems: readonly ValidationProblem[]): string {
  return problems.map(formatProblem).join('\n');
}
