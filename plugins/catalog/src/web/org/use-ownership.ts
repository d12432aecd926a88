import { RELATION_MEMBER_OF, RELATION_PARENT_OF, stringifyEntityRef, type Entity } from '@portico/model';
import { useQueries, useQuery } from '@tanstack/react-query';
import type { EntityPredicate, FacetCount } from '../../common/contracts.js';
import { relationTargets } from '../entity-text.js';
import { facetsQuery, relationsGraphQuery } from '../queries.js';
import { ownershipCounts, type OwnershipCount } from './ownership.js';

/** Direct: owned by the entity itself. Aggregated: also by its subgroups (a group) or its groups (a user). */
export type OwnershipMode = 'direct' | 'aggregated';

/** How deep the subgroup walk goes (the graph endpoint's limit). */
const SUBGROUP_DEPTH = 5;

/**
 * The owner refs an ownership view counts: the entity alone, or with its subgroups (every group
 * below it, through parentOf) or, for a user, with the groups the user is a member of.
 */
export function useOwnerRefs(entity: Entity, mode: OwnershipMode): { refs: string[] | undefined; truncated: boolean; error: Error | null } {
  const self = stringifyEntityRef(entity);
  const isGroup = entity.kind.toLocaleLowerCase('en-US') === 'group';
  const subgroups = useQuery({
    ...relationsGraphQuery({ rootEntityRefs: [self], maxDepth: SUBGROUP_DEPTH, relationTypes: [RELATION_PARENT_OF], maxNodes: 500 }),
    enabled: isGroup && mode === 'aggregated',
  });
  if (mode === 'direct') return { refs: [self], truncated: false, error: null };
  if (!isGroup) return { refs: [self, ...relationTargets(entity, RELATION_MEMBER_OF)], truncated: false, error: null };
  if (subgroups.data === undefined) return { refs: undefined, truncated: false, error: subgroups.error };
  const refs = subgroups.data.nodes.filter((node) => node.found && node.kind.toLocaleLowerCase('en-US') === 'group').map((node) => node.entityRef);
  return { refs: [self, ...refs.filter((ref) => ref !== self)], truncated: subgroups.data.truncated, error: null };
}

export function ownedByPredicate(refs: readonly string[]): EntityPredicate {
  return refs.length === 1 ? { 'relations.ownedBy': refs[0]! } : { 'relations.ownedBy': { $in: [...refs] } };
}

/** Counts of owned entities per kind and type, from the catalog's facets (one request per kind). */
export function useOwnershipCounts(refs: string[] | undefined): { counts: OwnershipCount[] | undefined; error: Error | null } {
  const owned = refs === undefined ? undefined : ownedByPredicate(refs);
  const kinds = useQuery({ ...facetsQuery(['kind'], owned ?? {}), enabled: owned !== undefined });
  const kindFacet: FacetCount[] = kinds.data?.facets.kind ?? [];
  const types = useQueries({
    queries: kindFacet.map((kind) => ({
      ...facetsQuery(['spec.type'], { $all: [{ kind: kind.value }, owned ?? {}] }),
      enabled: owned !== undefined,
    })),
  });
  if (kinds.error) return { counts: undefined, error: kinds.error };
  const failed = types.find((query) => query.error);
  if (failed?.error) return { counts: undefined, error: failed.error };
  if (kinds.data === undefined || types.some((query) => query.data === undefined)) return { counts: undefined, error: null };
  const typesByKind = new Map(kindFacet.map((kind, index) => [kind.value, types[index]?.data?.facets['spec.type'] ?? []]));
  return { counts: ownershipCounts(kindFacet, typesByKind), error: null };
}
