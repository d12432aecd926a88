import { InputError, NotFoundError, type Entity } from '@portico/model';
import type { PluginRouter } from '@portico/server';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { entityFacets } from '../database/operations/query/entity-facets.js';
import { getEntityHistory } from '../database/operations/query/entity-history.js';
import {
  countEntities,
  findEntities,
  getEntitiesByRefs,
  getEntityByRef,
  getEntityByUid,
  type EntityQuery,
} from '../database/operations/query/find-entities.js';
import { relationsGraph } from '../database/operations/query/relations-graph.js';
import type { CatalogTables } from '../database/tables.js';
import { decodeCursor, encodeCursor, parseOrderParams, type QueryCursor } from '../query/cursor.js';
import { parseFilterParams, parsePredicate } from '../query/entity-filter.js';
import { parseFieldsParam, selectFields } from '../query/fields.js';
import type { CatalogIngestion } from '../service/ingestion-api.js';
import { entityNameParams, limitParam, offsetParam, refOf, repeatable } from './params.js';

const DEFAULT_QUERY_LIMIT = 20;

export interface EntitiesRoutesOptions {
  router: PluginRouter;
  db: Kysely<CatalogTables>;
  ingestion: CatalogIngestion;
  readonly: boolean;
}

/** Backstage's entity endpoints: list, query with cursors, by ref/uid/name, facets, history, graph. */
export function registerEntitiesRoutes({ router, db, ingestion, readonly }: EntitiesRoutesOptions): void {
  router.get(
    '/entities',
    { schema: { querystring: z.object({ filter: repeatable, fields: repeatable, order: repeatable, offset: offsetParam, limit: limitParam, after: z.string().optional() }) } },
    async (request, reply) => {
      const { query } = request;
      const position = query.after ? decodeCursor(query.after) : undefined;
      const entityQuery: EntityQuery = position ?? {
        filter: parseFilterParams(query.filter),
        order: parseOrderParams(query.order, 'order:field'),
      };
      const offset = position?.offset ?? query.offset ?? 0;
      const entities = await findEntities(db, entityQuery, { offset, limit: query.limit });
      if (query.limit !== undefined && entities.length === query.limit) {
        const after = encodeCursor({ ...entityQuery, order: entityQuery.order ?? [], offset: offset + query.limit });
        void reply.header('link', `<${request.url.split('?')[0]}?limit=${query.limit}&after=${after}>; rel="next"`);
      }
      return entities.map(selectFields(parseFieldsParam(query.fields)));
    },
  );

  const byQuerySchema = z.object({
    filter: repeatable,
    fields: repeatable,
    orderField: repeatable,
    cursor: z.string().optional(),
    limit: limitParam,
    offset: offsetParam,
    fullTextFilterTerm: z.string().max(200).optional(),
    fullTextFilterFields: repeatable,
    totalItems: z.enum(['include', 'exclude']).optional(),
  });
  router.get('/entities/by-query', { schema: { querystring: byQuerySchema } }, async (request) => {
    const { query } = request;
    const cursor: QueryCursor = query.cursor
      ? decodeCursor(query.cursor)
      : {
          filter: parseFilterParams(query.filter),
          order: parseOrderParams(query.orderField, 'field,order'),
          offset: query.offset ?? 0,
          ...(query.fullTextFilterTerm
            ? { fullText: { term: query.fullTextFilterTerm, fields: parseFieldsParam(query.fullTextFilterFields) ?? [] } }
            : {}),
        };
    return queryPage(db, cursor, query.limit ?? DEFAULT_QUERY_LIMIT, parseFieldsParam(query.fields), query.totalItems !== 'exclude');
  });

  router.post(
    '/entities/by-query',
    {
      schema: {
        body: z.object({
          cursor: z.string().optional(),
          limit: z.number().int().min(0).max(10_000).optional(),
          offset: z.number().int().min(0).optional(),
          orderBy: z.array(z.object({ field: z.string().min(1), order: z.enum(['asc', 'desc']) })).optional(),
          fullTextFilter: z.object({ term: z.string().max(200), fields: z.array(z.string()).optional() }).optional(),
          fields: z.array(z.string()).optional(),
          totalItems: z.enum(['include', 'exclude']).optional(),
          query: z.unknown().optional(),
        }),
      },
    },
    async (request) => {
      const { body } = request;
      const cursor: QueryCursor = body.cursor
        ? decodeCursor(body.cursor)
        : {
            ...(body.query === undefined ? {} : { filter: parsePredicate(body.query) }),
            order: body.orderBy ?? [],
            offset: body.offset ?? 0,
            ...(body.fullTextFilter?.term ? { fullText: { term: body.fullTextFilter.term, fields: body.fullTextFilter.fields ?? [] } } : {}),
          };
      return queryPage(db, cursor, body.limit ?? DEFAULT_QUERY_LIMIT, body.fields, body.totalItems !== 'exclude');
    },
  );

  router.post(
    '/entities/by-refs',
    {
      schema: {
        querystring: z.object({ filter: repeatable }),
        body: z.object({ entityRefs: z.array(z.string()).max(10_000), fields: z.array(z.string()).optional() }),
      },
    },
    async (request) => {
      const items = await getEntitiesByRefs(db, request.body.entityRefs, parseFilterParams(request.query.filter));
      const pick = selectFields(request.body.fields);
      return { items: items.map((entity) => (entity ? pick(entity) : null)) };
    },
  );

  const uidParams = z.object({ uid: z.string().min(1) });
  router.get('/entities/by-uid/:uid', { schema: { params: uidParams } }, async (request) => getEntityByUid(db, request.params.uid));
  router.delete('/entities/by-uid/:uid', { schema: { params: uidParams } }, async (request, reply) => {
    if (readonly) throw new InputError('The catalog is read-only (catalog.readonly)');
    await ingestion.deleteEntity(request.params.uid);
    return reply.status(204).send();
  });

  router.get('/entities/by-name/:kind/:namespace/:name', { schema: { params: entityNameParams } }, async (request) => {
    const entity = await getEntityByRef(db, refOf(request.params));
    if (!entity) throw new NotFoundError(`No entity named ${refOf(request.params)}`);
    return entity;
  });

  router.get('/entities/by-name/:kind/:namespace/:name/ancestry', { schema: { params: entityNameParams } }, async (request) => {
    const ref = refOf(request.params);
    const entity = await getEntityByRef(db, ref);
    if (!entity) throw new NotFoundError(`No entity named ${ref}`);
    // Entities are read from files, not emitted by other entities, so the tree is the root alone.
    return { rootEntityRef: ref, items: [{ entity, parentEntityRefs: [] }] };
  });

  router.get(
    '/entities/by-name/:kind/:namespace/:name/history',
    { schema: { params: entityNameParams, querystring: z.object({ limit: limitParam, offset: offsetParam }) } },
    async (request) => getEntityHistory(db, refOf(request.params), { limit: request.query.limit ?? 50, offset: request.query.offset ?? 0 }),
  );

  router.get(
    '/entity-facets',
    { schema: { querystring: z.object({ facet: z.union([z.string(), z.array(z.string())]), filter: repeatable }) } },
    async (request) => {
      const facets = Array.isArray(request.query.facet) ? request.query.facet : [request.query.facet];
      if (facets.length > 20) throw new InputError('facet: at most 20 facets per request');
      return { facets: await entityFacets(db, facets, parseFilterParams(request.query.filter)) };
    },
  );

  router.post(
    '/entity-facets',
    { schema: { body: z.object({ facets: z.array(z.string().min(1)).min(1).max(20), query: z.unknown().optional() }) } },
    async (request) => {
      const filter = request.body.query === undefined ? undefined : parsePredicate(request.body.query);
      return { facets: await entityFacets(db, request.body.facets, filter) };
    },
  );

  router.get(
    '/graph',
    {
      schema: {
        querystring: z.object({
          rootEntityRefs: z.union([z.string(), z.array(z.string())]),
          maxDepth: z.coerce.number().int().min(1).max(5).default(2),
          relationTypes: repeatable,
          maxNodes: z.coerce.number().int().min(1).max(500).default(200),
        }),
      },
    },
    async (request) => {
      const { query } = request;
      const roots = (Array.isArray(query.rootEntityRefs) ? query.rootEntityRefs : [query.rootEntityRefs]).flatMap((item) => item.split(','));
      const relationTypes = parseFieldsParam(query.relationTypes);
      return relationsGraph(db, {
        rootEntityRefs: roots,
        maxDepth: query.maxDepth,
        maxNodes: query.maxNodes,
        ...(relationTypes ? { relationTypes } : {}),
      });
    },
  );
}

async function queryPage(
  db: Kysely<CatalogTables>,
  cursor: QueryCursor,
  limit: number,
  fields: string[] | undefined,
  includeTotal: boolean,
): Promise<{ items: Entity[]; totalItems?: number; pageInfo: { nextCursor?: string; prevCursor?: string } }> {
  const [items, totalItems] = await Promise.all([
    findEntities(db, cursor, { offset: cursor.offset, limit: limit + 1 }),
    includeTotal ? (cursor.totalItems ?? countEntities(db, cursor)) : Promise.resolve(undefined),
  ]);
  const hasNext = items.length > limit;
  const page = hasNext ? items.slice(0, limit) : items;
  const carry = totalItems === undefined ? {} : { totalItems };
  const pageInfo: { nextCursor?: string; prevCursor?: string } = {};
  if (hasNext) pageInfo.nextCursor = encodeCursor({ ...cursor, ...carry, offset: cursor.offset + limit });
  if (cursor.offset > 0) pageInfo.prevCursor = encodeCursor({ ...cursor, ...carry, offset: Math.max(0, cursor.offset - limit) });
  return { items: page.map(selectFields(fields)), ...(totalItems === undefined ? {} : { totalItems }), pageInfo };
}
