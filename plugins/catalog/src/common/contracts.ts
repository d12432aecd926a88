import type { Entity } from '@portico/model';
import { z } from 'zod';

/**
 * The catalog API's request shapes (zod) and response types, shared by the server routes and
 * the web client. Paths, parameters and shapes are Backstage's, so `@backstage/catalog-client`
 * and existing scripts work unchanged; Portico's own additions are marked.
 */

/** A query parameter given once or repeated (`filter=a&filter=b`). */
export const repeatableParam = z.union([z.string(), z.array(z.string())]).optional();

const integerParam = (name: string, min: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`);

/** The largest page any list endpoint serves in one response. */
export const MAX_PAGE_SIZE = 10_000;

export const limitParam = integerParam('limit', 0).max(MAX_PAGE_SIZE, `limit must be at most ${MAX_PAGE_SIZE}`).optional();
export const offsetParam = integerParam('offset', 0).optional();

/** GET /entities */
export const getEntitiesQuery = z.object({
  filter: repeatableParam,
  fields: repeatableParam,
  /** `asc:metadata.name`, repeatable. */
  order: repeatableParam,
  offset: offsetParam,
  limit: integerParam('limit', 1).max(MAX_PAGE_SIZE, `limit must be at most ${MAX_PAGE_SIZE}`).optional(),
  /** Opaque, from the `Link: <...>; rel="next"` header of the previous page. */
  after: z.string().min(1).optional(),
});

/** GET /entities/by-query */
export const queryEntitiesQuery = z.object({
  filter: repeatableParam,
  fields: repeatableParam,
  /** `metadata.name,asc`, repeatable. */
  orderField: repeatableParam,
  cursor: z.string().min(1).optional(),
  limit: limitParam,
  offset: offsetParam,
  fullTextFilterTerm: z.string().max(1000).optional(),
  /** Comma-separated and/or repeated. */
  fullTextFilterFields: repeatableParam,
  totalItems: z.enum(['include', 'exclude']).optional(),
});

const orderBy = z.object({ field: z.string().min(1).max(300), order: z.enum(['asc', 'desc']) });

/** POST /entities/by-query (Backstage's predicate form). */
export const queryEntitiesBody = z.object({
  cursor: z.string().min(1).optional(),
  limit: z.number().int().min(0).max(MAX_PAGE_SIZE).optional(),
  offset: z.number().int().min(0).optional(),
  orderBy: z.union([orderBy, z.array(orderBy).max(10)]).optional(),
  fullTextFilter: z.object({ term: z.string().max(1000).optional(), fields: z.array(z.string().max(300)).max(50).optional() }).optional(),
  fields: z.array(z.string().max(300)).max(100).optional(),
  totalItems: z.enum(['include', 'exclude']).optional(),
  /** `{ $all | $any | $not | "<path>": value | { $exists | $in | $hasPrefix } }` */
  query: z.unknown().optional(),
});

/** POST /entities/by-refs (plus `?filter=`). */
export const entitiesByRefsBody = z.object({
  entityRefs: z.array(z.string()).max(MAX_PAGE_SIZE),
  fields: z.array(z.string().max(300)).max(100).optional(),
  query: z.unknown().optional(),
});

/** GET /entity-facets */
export const entityFacetsQuery = z.object({ facet: z.union([z.string(), z.array(z.string())]), filter: repeatableParam });
/** POST /entity-facets */
export const entityFacetsBody = z.object({ facets: z.array(z.string().min(1).max(300)).min(1).max(50), query: z.unknown().optional() });

export const entityNameParams = z.object({ kind: z.string().min(1), namespace: z.string().min(1), name: z.string().min(1) });
export const entityUidParams = z.object({ uid: z.string().min(1) });
export const locationIdParams = z.object({ id: z.string().min(1) });

/** Portico: GET /entities/by-name/:kind/:namespace/:name/history */
export const entityHistoryQuery = z.object({
  limit: integerParam('limit', 1).max(500, 'limit must be at most 500').optional(),
  /** Either a cursor from the previous page, or an offset. */
  cursor: z.string().min(1).optional(),
  offset: offsetParam,
});

/** Portico: GET /graph */
export const relationsGraphQuery = z.object({
  /** Comma-separated and/or repeated. */
  rootEntityRefs: z.union([z.string(), z.array(z.string())]),
  maxDepth: integerParam('maxDepth', 1).max(5, 'maxDepth must be at most 5').optional(),
  maxNodes: integerParam('maxNodes', 1).max(1000, 'maxNodes must be at most 1000').optional(),
  /** Comma-separated and/or repeated, e.g. `ownedBy,dependsOn`. */
  relationTypes: repeatableParam,
});

export const locationInput = z.object({ type: z.string().min(1).max(50).default('url'), target: z.string().min(1).max(4000) });

/** POST /locations */
export const addLocationQuery = z.object({
  dryRun: z.enum(['true', 'false']).optional(),
  onConflict: z.enum(['reject', 'refresh']).optional(),
});

/** POST /locations/by-query */
export const queryLocationsBody = z.object({
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  cursor: z.string().min(1).optional(),
  query: z.unknown().optional(),
});

/** POST /refresh */
export const refreshBody = z.object({ entityRef: z.string().min(1), authorizationToken: z.string().optional() });

/** POST /validate-entity */
export const validateEntityBody = z.object({ entity: z.unknown(), location: z.string().min(1) });

/** POST /analyze-location (Backstage spells it catalogFilename; catalogFileName is accepted too). */
export const analyzeLocationBody = z.object({
  location: locationInput,
  catalogFilename: z.string().min(1).max(200).optional(),
  catalogFileName: z.string().min(1).max(200).optional(),
});

// Types the web builds requests from.

/** A place entities are read from: `url`, `file` or `git` and its target. */
export interface LocationSpec {
  type: string;
  target: string;
}

export interface EntityOrder {
  field: string;
  order: 'asc' | 'desc';
}

/** A value condition in a predicate. */
export type EntityPredicateValue =
  | string
  | number
  | boolean
  | { $exists: boolean }
  | { $in: Array<string | number | boolean> }
  | { $hasPrefix: string };

/**
 * Backstage's filter predicate: `{ kind: 'component' }`, `{ 'spec.type': { $in: [...] } }`,
 * `{ $all: [...] }`, `{ $any: [...] }`, `{ $not: ... }`. Several paths in one object must all hold.
 */
export type EntityPredicate =
  | { $all: EntityPredicate[] }
  | { $any: EntityPredicate[] }
  | { $not: EntityPredicate }
  | { [path: string]: EntityPredicateValue };

/** The body of POST /entities/by-query. */
export interface QueryEntitiesRequest {
  query?: EntityPredicate;
  cursor?: string;
  limit?: number;
  offset?: number;
  orderBy?: EntityOrder | EntityOrder[];
  fullTextFilter?: { term?: string; fields?: string[] };
  fields?: string[];
  totalItems?: 'include' | 'exclude';
}

export interface FacetCount {
  value: string;
  count: number;
}

// Responses.

export interface QueryEntitiesResponse {
  items: Entity[];
  totalItems: number;
  pageInfo: { nextCursor?: string; prevCursor?: string };
}

export interface EntitiesByRefsResponse {
  items: Array<Entity | null>;
}

export interface EntityFacetsResponse {
  facets: Record<string, FacetCount[]>;
}

export interface EntityAncestryResponse {
  rootEntityRef: string;
  items: Array<{ entity: Entity; parentEntityRefs: string[] }>;
}

export interface CatalogLocation {
  id: string;
  type: string;
  target: string;
}

export interface QueryLocationsResponse {
  items: CatalogLocation[];
  totalItems: number;
  pageInfo: { nextCursor?: string };
}

/** POST /locations: the location and the entities it holds (read now; stored unless a dry run). */
export interface RegisterLocationResponse {
  location: CatalogLocation;
  entities: Entity[];
  exists?: boolean;
}

export type AddLocationResponse = RegisterLocationResponse;

export interface AnalyzeLocationResponse {
  existingEntityFiles: Array<{ location: LocationSpec; isRegistered: boolean; entity: Entity }>;
  generateEntities: Array<{
    entity: Partial<Entity>;
    fields: Array<{ field: string; value: string | null; state: string; description: string }>;
  }>;
}

/** One change of an entity's JSON, from the previous final body to the new one. */
export interface EntityHistoryChange {
  op: string;
  path: string;
  from?: unknown;
  to?: unknown;
}

export interface EntityHistoryItem {
  id: string;
  entityRef: string;
  entityUid: string;
  change: 'added' | 'changed' | 'removed';
  /** The file, URL or provider that caused it (`location:file:/x.yaml`, `provider:github`). */
  source: string | null;
  /** ISO 8601. */
  changedAt: string;
  etag: string | null;
  diff: EntityHistoryChange[];
}

/** Portico: GET /entities/by-name/:kind/:namespace/:name/history, newest first. */
export interface EntityHistoryResponse {
  entityRef: string;
  items: EntityHistoryItem[];
  totalItems: number;
  pageInfo: { nextCursor?: string };
}

export interface RelationsGraphNode {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  /** Hops from the nearest root. */
  depth: number;
  /** False for a ref relations point at but no entity has. */
  found: boolean;
}

export interface RelationsGraphEdge {
  source: string;
  type: string;
  target: string;
}

/** Portico: GET /graph. */
export interface RelationsGraphResponse {
  nodes: RelationsGraphNode[];
  edges: RelationsGraphEdge[];
  /** True when maxNodes cut the walk short. */
  truncated: boolean;
}
