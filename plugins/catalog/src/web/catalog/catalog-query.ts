import { tryParseEntityRef } from '@portico/model';
import type { EntityOrder, EntityPredicate, QueryEntitiesRequest } from '../../common/contracts.js';
import type { CatalogSearch, FacetParam } from './catalog-search.js';

/** The catalog key each URL filter narrows. */
export const FACET_KEYS: Readonly<Record<FacetParam, string>> = {
  type: 'spec.type',
  owner: 'relations.ownedBy',
  lifecycle: 'spec.lifecycle',
  tag: 'metadata.tags',
  namespace: 'metadata.namespace',
};

/** What the text filter looks through. */
export const TEXT_FILTER_FIELDS = ['metadata.name', 'metadata.title', 'metadata.description', 'spec.profile.displayName'];

/** Entity fields the table needs; the rest of each entity stays on the server. */
export const TABLE_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.description',
  'metadata.tags',
  'metadata.uid',
  'spec.type',
  'spec.lifecycle',
  'spec.owner',
  'spec.system',
  'spec.domain',
  'spec.parent',
  'spec.target',
  'spec.profile',
];

/**
 * The predicate for the table: the kind, every URL filter (values of one filter are
 * alternatives, filters must all hold), and the starred entities of this kind. Undefined when
 * nothing can match (the starred filter with no stars of this kind), so no request is needed.
 */
export function catalogPredicate(state: CatalogSearch, starredRefs: readonly string[]): EntityPredicate | undefined {
  const all: EntityPredicate[] = [{ kind: state.kind }];
  for (const [param, key] of Object.entries(FACET_KEYS) as Array<[FacetParam, string]>) {
    const values = state[param];
    if (values.length === 1) all.push({ [key]: values[0]! });
    else if (values.length > 1) all.push({ [key]: { $in: values } });
  }
  if (state.starred) {
    const mine = starredRefs.flatMap((ref) => {
      const parsed = tryParseEntityRef(ref);
      return parsed !== undefined && parsed.kind.toLocaleLowerCase('en-US') === state.kind ? [parsed] : [];
    });
    if (mine.length === 0) return undefined;
    all.push({ $any: mine.map((ref) => ({ 'metadata.namespace': ref.namespace, 'metadata.name': ref.name })) });
  }
  return { $all: all };
}

export function catalogQueryRequest(
  state: CatalogSearch,
  predicate: EntityPredicate,
  orderBy: EntityOrder[],
): QueryEntitiesRequest {
  const term = state.q.trim();
  return {
    query: predicate,
    orderBy,
    ...(term === '' ? {} : { fullTextFilter: { term, fields: TEXT_FILTER_FIELDS } }),
    fields: TABLE_FIELDS,
    limit: state.size,
    offset: (state.page - 1) * state.size,
    totalItems: 'include',
  };
}
