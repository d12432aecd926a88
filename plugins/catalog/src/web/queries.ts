import type { CompoundEntityRef } from '@portico/model';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { EntityPredicate, LocationSpec, QueryEntitiesRequest } from '../common/contracts.js';
import { catalogClient } from './api.js';

/**
 * Every catalog read of the web plugin, as TanStack Query options. Keys start with
 * `['catalog', ...]`, so `invalidateQueries({ queryKey: ['catalog'] })` refreshes them all
 * after a write.
 */
export const catalogKeys = {
  all: ['catalog'] as const,
  entity: (ref: CompoundEntityRef) => ['catalog', 'entity', refKey(ref)] as const,
};

function refKey(ref: CompoundEntityRef): string {
  return `${ref.kind}:${ref.namespace}/${ref.name}`.toLocaleLowerCase('en-US');
}

export const entitiesQuery = (request: QueryEntitiesRequest) =>
  queryOptions({
    queryKey: ['catalog', 'entities', request],
    queryFn: ({ signal }) => catalogClient.queryEntities(request, { signal }),
    // Paging and filtering keep the previous rows on screen until the next ones arrive.
    placeholderData: keepPreviousData,
  });

export const facetsQuery = (facets: string[], query: EntityPredicate | undefined) =>
  queryOptions({
    queryKey: ['catalog', 'facets', facets, query ?? null],
    queryFn: ({ signal }) => catalogClient.getEntityFacets(facets, query, { signal }),
  });

export const entityQuery = (ref: CompoundEntityRef) =>
  queryOptions({
    queryKey: catalogKeys.entity(ref),
    queryFn: ({ signal }) => catalogClient.getEntityByRef(ref, { signal }),
  });

export const entitiesByRefsQuery = (refs: string[], fields?: string[]) =>
  queryOptions({
    queryKey: ['catalog', 'by-refs', refs, fields ?? null],
    queryFn: ({ signal }) => catalogClient.getEntitiesByRefs(refs, fields, { signal }),
  });

export const entityHistoryQuery = (ref: CompoundEntityRef, page: { limit: number; offset: number }) =>
  queryOptions({
    queryKey: ['catalog', 'history', refKey(ref), page],
    queryFn: ({ signal }) => catalogClient.getEntityHistory(ref, page, { signal }),
    placeholderData: keepPreviousData,
  });

export const relationsGraphQuery = (request: { rootEntityRefs: string[]; maxDepth: number; relationTypes?: string[]; maxNodes?: number }) =>
  queryOptions({
    queryKey: ['catalog', 'graph', request],
    queryFn: ({ signal }) => catalogClient.getRelationsGraph(request, { signal }),
    placeholderData: keepPreviousData,
  });

export const entityLocationQuery = (ref: CompoundEntityRef) =>
  queryOptions({
    queryKey: ['catalog', 'location-of', refKey(ref)],
    queryFn: ({ signal }) => catalogClient.getLocationByEntity(ref, { signal }),
  });

export const analyzeLocationQuery = (location: LocationSpec) =>
  queryOptions({
    queryKey: ['catalog', 'analyze', location],
    queryFn: ({ signal }) => catalogClient.analyzeLocation(location, { signal }),
    staleTime: 0,
    gcTime: 0,
  });

export const dryRunQuery = (location: LocationSpec) =>
  queryOptions({
    queryKey: ['catalog', 'dry-run', location],
    queryFn: ({ signal }) => catalogClient.addLocation(location, { dryRun: true, signal }),
    staleTime: 0,
    gcTime: 0,
  });
