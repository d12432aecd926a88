import type { Entity } from '@portico/model';
import { createServiceRef } from '@portico/server';
import type { Kysely } from 'kysely';
import type { FacetCount } from '../database/operations/query/entity-facets.js';
import { getEntityFacets } from '../database/operations/query/entity-facets.js';
import { getEntitiesByRefs, getEntityByRef } from '../database/operations/query/get-entities.js';
import { listEntities, streamEntities } from '../database/operations/query/list-entities.js';
import { parseEntity } from '../database/operations/query/load-entities.js';
import { queryEntities } from '../database/operations/query/query-entities.js';
import { getRelationsGraph, type RelationsGraph, type RelationsGraphRequest } from '../database/operations/query/relations-graph.js';
import type { CatalogTables } from '../database/tables.js';
import { decodeEntityCursor, encodeEntityCursor } from '../query/entity-cursor.js';
import { allOf, type EntityFilter } from '../query/entity-filter.js';
import { projectFields } from '../query/fields.js';
import { fullTextCondition } from '../query/full-text.js';
import type { EntityOrder } from '../query/order.js';
import { parseFilterParams } from '../query/parse-filter-params.js';

export type { FacetCount } from '../database/operations/query/entity-facets.js';
export type { EntityOrder } from '../query/order.js';

/** A filter tree, or Backstage filter strings (`kind=component,spec.type=service`; several = any of them). */
export type CatalogFilter = EntityFilter | string | readonly string[];

export interface CatalogQuery {
  filter?: CatalogFilter;
  /** Case-insensitive substring of any of `fields` (default: the order field, else name, title and display name). */
  fullText?: { term: string; fields?: string[] };
  /** Entities without a value sort last; ties by ref. Default: by ref. */
  order?: EntityOrder[];
  /** Keep only these paths of each entity (`metadata.name`, `spec.owner`). */
  fields?: string[];
  offset?: number;
  limit?: number;
}

export interface CatalogPage {
  items: Entity[];
  totalItems: number;
  /** Opaque; pass to queryEntities as `cursor` for the next or previous page. */
  nextCursor?: string;
  prevCursor?: string;
}

/**
 * What other plugins (search, docs, scaffolder, scorecards, permissions) read from the catalog:
 * the same SQL operations as the REST API, without HTTP. Filters and orders run in the database.
 */
export interface CatalogService {
  getEntityByRef(entityRef: string): Promise<Entity | undefined>;
  /** In request order; undefined where no entity (or none passing the filter) exists. */
  getEntitiesByRefs(entityRefs: readonly string[], filter?: CatalogFilter, fields?: string[]): Promise<Array<Entity | undefined>>;
  /** One page (default 100) of matching entities, without a count. */
  getEntities(query?: CatalogQuery): Promise<Entity[]>;
  /** A page with the number of matches and cursors; `cursor` continues a previous page. */
  queryEntities(query: CatalogQuery & { cursor?: string; totalItems?: 'include' | 'exclude' }): Promise<CatalogPage>;
  /** Every matching entity, a batch at a time, without holding the catalog in memory. */
  streamEntities(query?: Omit<CatalogQuery, 'offset' | 'limit'>, batchSize?: number): AsyncIterable<Entity[]>;
  /** Counts per value of each facet among the matching entities. */
  facets(facets: readonly string[], filter?: CatalogFilter): Promise<Record<string, FacetCount[]>>;
  getRelationsGraph(request: RelationsGraphRequest): Promise<RelationsGraph>;
}

export const catalogServiceRef = createServiceRef<CatalogService>({ id: 'catalog.service' });

const DEFAULT_SERVICE_LIMIT = 100;

export function createCatalogService(db: Kysely<CatalogTables>): CatalogService {
  const filterOf = (query: CatalogQuery): EntityFilter | undefined =>
    allOf(toFilter(query.filter), fullTextCondition(query.fullText?.term, query.fullText?.fields, query.order ?? []));
  return {
    getEntityByRef: (entityRef) => getEntityByRef(db, entityRef),

    async getEntitiesByRefs(entityRefs, filter, fields) {
      const project = projectFields(fields);
      const items = await getEntitiesByRefs(db, entityRefs, toFilter(filter));
      return items.map((entity) => (entity ? project(entity) : undefined));
    },

    async getEntities(query = {}) {
      const filter = filterOf(query);
      const page = await listEntities(db, {
        ...(filter ? { filter } : {}),
        order: query.order ?? [],
        offset: query.offset ?? 0,
        limit: query.limit ?? DEFAULT_SERVICE_LIMIT,
      });
      const project = projectFields(query.fields);
      return page.bodies.map((body) => project(parseEntity(body)));
    },

    async queryEntities(query) {
      const cursor = query.cursor ? decodeEntityCursor(query.cursor) : undefined;
      const filter = filterOf(query);
      const result = await queryEntities(db, {
        listing: cursor ?? { ...(filter ? { filter } : {}), order: query.order ?? [] },
        ...(cursor ? { cursor } : {}),
        ...(query.offset === undefined ? {} : { offset: query.offset }),
        limit: query.limit ?? DEFAULT_SERVICE_LIMIT,
        ...(query.totalItems ? { totalItems: query.totalItems } : {}),
      });
      const project = projectFields(query.fields);
      return {
        items: result.bodies.map((body) => project(parseEntity(body))),
        totalItems: result.totalItems,
        ...(result.nextCursor ? { nextCursor: encodeEntityCursor(result.nextCursor) } : {}),
        ...(result.prevCursor ? { prevCursor: encodeEntityCursor(result.prevCursor) } : {}),
      };
    },

    async *streamEntities(query = {}, batchSize = 500) {
      const filter = filterOf(query);
      const project = projectFields(query.fields);
      for await (const batch of streamEntities(db, { ...(filter ? { filter } : {}), order: query.order ?? [] }, batchSize)) {
        yield batch.map((body) => project(parseEntity(body)));
      }
    },

    facets: (facets, filter) => getEntityFacets(db, facets, toFilter(filter)),
    getRelationsGraph: (request) => getRelationsGraph(db, request),
  };
}

function toFilter(filter: CatalogFilter | undefined): EntityFilter | undefined {
  if (filter === undefined) return undefined;
  if (typeof filter === 'string' || Array.isArray(filter)) return parseFilterParams(filter as string | readonly string[]);
  return filter as EntityFilter;
}
