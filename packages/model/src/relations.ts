import type { Entity, EntityRelation } from './entity.js';
import { isJsonObject } from './json.js';
import { BUILTIN_KINDS, findKindDefinition } from './kinds/builtin.js';
import type { KindDefinition } from './kinds/definition.js';
import { getCompoundEntityRef, parseEntityRef, stringifyEntityRef } from './refs.js';
import { ProblemList } from './validation/problem-list.js';
import type { ValidationProblem } from './validation/problem.js';

export interface EntityRelations {
  /** Relations from this entity, deduplicated, in spec field order. */
  relations: EntityRelation[];
  /** Refs that could not be read; the relations of the other refs are still returned. */
  problems: ValidationProblem[];
}

/**
 * The relations an entity's spec implies, from the entity's side: `spec.owner` gives `ownedBy`,
 * `spec.dependencyOf` gives `dependencyOf`, and so on, as Backstage's built-in processors emit
 * them. The reverse edge of each (stored on the target) is REVERSE_RELATION[type]. Refs without
 * a namespace take the entity's own namespace.
 */
export function relationsOf(entity: Entity, options: { kinds?: readonly KindDefinition[] } = {}): EntityRelations {
  const self = getCompoundEntityRef(entity);
  const entityRef = stringifyEntityRef(self);
  const problems = new ProblemList('relations', entityRef);
  const definition = findKindDefinition(entity.kind, entity.apiVersion, [...BUILTIN_KINDS, ...(options.kinds ?? [])]);
  const spec = entity.spec;
  if (!definition || !isJsonObject(spec)) return { relations: [], problems: [] };

  const seen = new Set<string>();
  const relations: EntityRelation[] = [];
  for (const { field, type, defaultKind } of definition.relations) {
    const value = spec[field];
    // Like Backstage, an absent or empty single value means "no relation".
    if (value === undefined || value === null || value === '') continue;
    const targets: unknown[] = Array.isArray(value) ? value : [value];
    targets.forEach((target, index) => {
      const path = Array.isArray(value) ? ['spec', field, index] : ['spec', field];
      if (typeof target !== 'string') {
        problems.add(path, 'entityRef', 'must be an entity ref string like "group:team-a"');
        return;
      }
      try {
        const context = { defaultNamespace: self.namespace, ...(defaultKind ? { defaultKind } : {}) };
        const targetRef = stringifyEntityRef(parseEntityRef(target, context));
        const key = `${type} ${targetRef}`;
        if (!seen.has(key)) {
          seen.add(key);
          relations.push({ type, targetRef });
        }
      } catch (error) {
        problems.add(path, 'entityRef', `is not a valid entity ref: ${(error as Error).message}`);
      }
    });
  }
  return { relations, problems: problems.problems };
}
