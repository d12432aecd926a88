import {
  isLocationEntity,
  relationsOf,
  stringifyEntityRef,
  validateEntity,
  type Entity,
  type EntityRelation,
  type KindDefinition,
} from '@portico/model';
import type { LocationSpec } from '../../service/ingestion-api.js';
import { describeProblem, describeProblems, type Locate } from './problems.js';
import type { CatalogRules } from './rules.js';

export const ANNOTATION_LOCATION = 'backstage.io/managed-by-location';
export const ANNOTATION_ORIGIN_LOCATION = 'backstage.io/managed-by-origin-location';
export const ANNOTATION_VIEW_URL = 'backstage.io/view-url';
export const ANNOTATION_SOURCE_LOCATION = 'backstage.io/source-location';
export const ANNOTATION_ORPHAN = 'backstage.io/orphan';

/** What processing an entity needs to know about where it came from. */
export interface DocumentContext {
  /** The file or URL (or provider), for messages and the managed-by-location annotation. */
  source: { type: string; target: string; ref: string };
  /** Entity providers set their own location annotations; ours only fill the gaps. */
  keepOwnLocationAnnotations?: boolean;
  /** The root location (`<type>:<target>`) for managed-by-origin-location and the rules. */
  origin: LocationSpec;
  /** Null for trusted emitters (entity providers): rules do not apply. */
  rules: CatalogRules | null;
  kinds: readonly KindDefinition[];
  /** Kinds accepted without a definition (named in catalog.rules). */
  allowedKinds: readonly string[];
  locate?: Locate | undefined;
}

export interface ProcessedEntity {
  ok: true;
  ref: string;
  entity: Entity;
  /** Outgoing relations, from the entity's side. */
  relations: EntityRelation[];
  /** For Location entities: the targets it points at, as written. */
  locationTargets: Array<{ type: string | undefined; target: string; optional: boolean }>;
}

export interface RejectedEntity {
  ok: false;
  /** Known when the envelope was readable: the entity keeps its last good version. */
  ref?: string;
  messages: string[];
}

export type DocumentOutcome = ProcessedEntity | RejectedEntity;

/**
 * Turns one parsed document into a catalog entity: validation (model rules, kinds), the
 * catalog rules of the root location, the managed-by annotations, relations. Problems come
 * back as lines naming the file, line, column, entity, field and rule.
 */
export function processDocument(
  value: unknown,
  context: DocumentContext,
  earlier: { messages: string[]; paths: ReadonlyArray<readonly (string | number)[]> } = { messages: [], paths: [] },
): DocumentOutcome {
  const earlierMessages = earlier.messages;
  const file = context.source.target;
  const result = validateEntity(value, { allowedKinds: context.allowedKinds, kinds: context.kinds });
  const guessedRef = guessRef(value);
  if (!result.ok) {
    const ref = result.problems.find((problem) => problem.entityRef)?.entityRef ?? guessedRef;
    // A placeholder that could not be substituted was reported already; its "unresolved" problem adds nothing.
    const problems = result.problems.filter((problem) => !earlier.paths.some((path) => startsWith(problem.path, path)));
    return { ok: false, ...(ref ? { ref } : {}), messages: [...earlierMessages, ...describeProblems(problems, file, context.locate)] };
  }
  const validated = result.entity;
  const ref = stringifyEntityRef(validated);
  if (earlierMessages.length > 0) return { ok: false, ref, messages: earlierMessages };

  if (context.rules && !context.rules.isAllowed(validated, context.origin)) {
    const allowed = context.rules.allowedKinds(context.origin);
    const message = describeProblem({
      file,
      entityRef: ref,
      path: ['kind'],
      rule: 'catalogRules',
      message: `${validated.kind} is not allowed from location ${context.origin.type}:${context.origin.target}; it may hold ${allowed.join(', ') || 'no kinds'} (catalog.rules)`,
      locate: context.locate,
    });
    return { ok: false, ref, messages: [message] };
  }

  const entity = annotate(validated, context);
  const { relations, problems } = relationsOf(entity, { kinds: context.kinds });
  if (problems.length > 0) return { ok: false, ref, messages: describeProblems(problems, file, context.locate) };

  const collision = findCaseCollision(entity);
  if (collision) {
    return {
      ok: false,
      ref,
      messages: [
        describeProblem({ file, entityRef: ref, path: collision.path, rule: 'caseCollision', message: `has keys that differ only in case (${collision.keys.join(', ')}); keys are compared case-insensitively`, locate: context.locate }),
      ],
    };
  }

  return { ok: true, ref, entity, relations, locationTargets: locationTargetsOf(entity) };
}

function guessRef(value: unknown): string | undefined {
  const record = value as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null;
  if (!record || typeof record !== 'object' || typeof record.kind !== 'string' || typeof record.metadata?.name !== 'string') return undefined;
  const namespace = typeof record.metadata.namespace === 'string' ? record.metadata.namespace : 'default';
  return `${record.kind}:${namespace}/${record.metadata.name}`.toLowerCase();
}

function annotate(entity: Entity, context: DocumentContext): Entity {
  const fromSource: Record<string, string> = {};
  if (context.source.type === 'url') {
    fromSource[ANNOTATION_VIEW_URL] = context.source.target;
    fromSource[ANNOTATION_SOURCE_LOCATION] = `url:${new URL('./', context.source.target).toString()}`;
  }
  const ours = { [ANNOTATION_LOCATION]: context.source.ref, [ANNOTATION_ORIGIN_LOCATION]: `${context.origin.type}:${context.origin.target}` };
  const annotations: Record<string, string> = context.keepOwnLocationAnnotations
    ? { ...ours, ...entity.metadata.annotations }
    : // Where an entity read from a file comes from is the catalog's to say, never the file's.
      { ...fromSource, ...entity.metadata.annotations, ...ours };
  return { ...entity, metadata: { ...entity.metadata, annotations } };
}

function locationTargetsOf(entity: Entity): ProcessedEntity['locationTargets'] {
  if (!isLocationEntity(entity)) return [];
  const spec = entity.spec;
  const optional = spec.presence === 'optional';
  const targets = [...(spec.target ? [spec.target] : []), ...(spec.targets ?? [])];
  return targets.map((target) => ({ type: spec.type, target, optional }));
}

/** Two keys of one mapping that differ only in case collide in the lower-cased search table. */
function findCaseCollision(entity: Entity): { path: Array<string | number>; keys: string[] } | undefined {
  const stack: Array<[unknown, Array<string | number>]> = [[entity, []]];
  while (stack.length > 0) {
    const [value, path] = stack.pop() as [unknown, Array<string | number>];
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (item !== null && typeof item === 'object') stack.push([item, [...path, index]]);
      });
      continue;
    }
    const seen = new Map<string, string>();
    for (const key of Object.keys(value)) {
      const lower = key.toLowerCase();
      const other = seen.get(lower);
      if (other !== undefined) return { path, keys: [other, key] };
      seen.set(lower, key);
      const child = (value as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') stack.push([child, [...path, key]]);
    }
  }
  return undefined;
}

function startsWith(path: readonly (string | number)[], prefix: readonly (string | number)[]): boolean {
  return prefix.length <= path.length && prefix.every((segment, index) => path[index] === segment);
}
