import type { Entity } from '../entity.js';
import { hasOwn, isJsonObject } from '../json.js';
import { BUILTIN_KINDS, findKindDefinition } from '../kinds/builtin.js';
import type { KindDefinition } from '../kinds/definition.js';
import { quoteValue } from './describe.js';
import { ProblemList } from './problem-list.js';
import { checkShape } from './shape.js';

export interface KindOptions {
  /** More kind definitions, e.g. from plugins; checked after the built-in ones. */
  kinds?: readonly KindDefinition[];
  /**
   * Kinds to accept although no definition describes them (e.g. listed in the catalog config):
   * only the envelope and the metadata rules apply to them. Matched exactly, like kinds are.
   */
  allowedKinds?: readonly string[];
  /** Accept every kind no definition claims. Off by default, as in Backstage. */
  allowUnknownKinds?: boolean;
}

function list(values: readonly string[]): string {
  return values.map((value) => `"${value}"`).join(', ');
}

/** The kind step: the kind's definition checks the spec; a kind nobody claims is rejected. */
export function checkKind(entity: Entity, entityRef: string | undefined, options: KindOptions): ProblemList {
  const problems = new ProblemList('kind', entityRef);
  const kinds = [...BUILTIN_KINDS, ...(options.kinds ?? [])];
  const definition = findKindDefinition(entity.kind, entity.apiVersion, kinds);
  if (definition) {
    if (!hasOwn(entity, 'spec')) {
      problems.add(['spec'], 'required', `is required for kind ${definition.kind} (${definition.description})`);
    } else if (isJsonObject(entity.spec)) {
      // A spec that is not a mapping was already reported by the policy step.
      checkShape(definition.spec, entity.spec, ['spec'], problems);
    }
    return problems;
  }
  if (options.allowUnknownKinds || options.allowedKinds?.includes(entity.kind)) return problems;

  const versions = kinds.filter((candidate) => candidate.kind === entity.kind).flatMap((candidate) => candidate.apiVersions);
  if (versions.length > 0) {
    problems.add(
      ['apiVersion'],
      'unsupportedApiVersion',
      `${quoteValue(entity.apiVersion)} is not supported for kind ${entity.kind}; use ${list([...new Set(versions)])}`,
    );
    return problems;
  }
  const known = [...new Set(kinds.map((candidate) => candidate.kind))].sort();
  const sameButCase = known.find((name) => name.toLowerCase() === entity.kind.toLowerCase());
  const advice = sameButCase
    ? `; kinds are case-sensitive, did you mean "${sameButCase}"?`
    : `; known kinds are ${known.join(', ')} (a plugin can add kinds, or the catalog configuration can allow more)`;
  problems.add(['kind'], 'unknownKind', `${quoteValue(entity.kind)} (apiVersion ${entity.apiVersion}) is not a kind this catalog knows${advice}`);
  return problems;
}
