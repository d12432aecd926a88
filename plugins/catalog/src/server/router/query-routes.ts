import { InputError, stringifyEntityRef, tryParseEntityRef } from '@portico/model';
import {
  entitiesByRefsBody,
  entityFacetsBody,
  entityFacetsQuery,
  queryEntitiesBody,
  queryEntitiesQuery,
  relationsGraphQuery,
  type EntityFacetsResponse,
  type RelationsGraphResponse,
} from '../../common/contracts.js';
import { getEntityFacets } from '../database/operations/query/entity-facets.js';
import { getEntityBodiesByRefs } from '../database/operations/query/get-entities.js';
import { queryEntities, type QueryEntitiesResult } from '../database/operations/query/query-entities.js';
import { getRelationsGraph } from '../database/operations/query/relations-graph.js';
import { decodeEntityCursor, encodeEntityCursor, type EntityListing } from '../query/entity-cursor.js';
import { allOf, type EntityFilter } from '../query/entity-filter.js';
import { parseFields, projectJson } from '../query/fields.js';
import { fullTextCondition } from '../query/full-text.js';
import { parseOrderFieldParams, type EntityOrder } from '../query/order.js';
import { parseFilterParams } from '../query/parse-filter-params.js';
import { parsePredicate } from '../query/parse-predicate.js';
import { commaListParam, listParam } from './params.js';
import type { CatalogRouteContext } from './route-context.js';
import type { FastifyReply } from 'fastify';

/** Backstage's by-query answers 200 entities when the request names no limit. */
export const DEFAULT_QUERY_LIMIT = 200;

/** by-query (GET and POST), by-refs, facets (GET and POST) and Portico's relations graph. */
export function registerQueryRoutes({ router, db }: CatalogRouteContext): void {
  router.get('/entities/by-query', { schema: { querystring: queryEntitiesQuery } }, async (request, reply) => {
    const { query } = request;
    const fields = parseFields(query.fields);
    if (query.cursor) {
      const cursor = decodeEntityCursor(query.cursor);
      return respond(reply, await queryEntities(db, { listing: cursor, cursor, limit: query.limit ?? DEFAULT_QUERY_LIMIT, ...total(query.totalItems) }), fields);
    }
    const order = parseOrderFieldParams(query.orderField);
    const text = fullTextCondition(query.fullTextFilterTerm, commaListParam(query.fullTextFilterFields), order);
    const listing: EntityListing = { ...optional(allOf(parseFilterParams(query.filter), text)), order };
    return respond(
      reply,
      await queryEntities(db, { listing, ...optionalOffset(query.offset), limit: query.limit ?? DEFAULT_QUERY_LIMIT, ...total(query.totalItems) }),
      fields,
    );
  });

  router.post('/entities/by-query', { schema: { body: queryEntitiesBody } }, async (request, reply) => {
    const { body } = request;
    const fields = parseFields(body.fields);
    if (body.cursor) {
      const cursor = decodeEntityCursor(body.cursor);
      return respond(reply, await queryEntities(db, { listing: cursor, cursor, limit: body.limit ?? DEFAULT_QUERY_LIMIT, ...total(body.totalItems) }), fields);
    }
    const order: EntityOrder[] = body.orderBy === undefined ? [] : Array.isArray(body.orderBy) ? body.orderBy : [body.orderBy];
    const text = fullTextCondition(body.fullTextFilter?.term, body.fullTextFilter?.fields, order);
    const predicate = body.query === undefined ? undefined : parsePredicate(body.query);
    const listing: EntityListing = { ...optional(allOf(predicate, text)), order };
    return respond(
      reply,
      await queryEntities(db, { listing, ...optionalOffset(body.offset), limit: body.limit ?? DEFAULT_QUERY_LIMIT, ...total(body.totalItems) }),
      fields,
    );
  });

  router.post(
    '/entities/by-refs',
    { schema: { body: entitiesByRefsBody, querystring: entityFacetsQuery.pick({ filter: true }) } },
    async (request, reply) => {
      const { body, query } = request;
      const filter = allOf(parseFilterParams(query.filter), body.query === undefined ? undefined : parsePredicate(body.query));
      const project = projectJson(parseFields(body.fields));
      const items = await getEntityBodiesByRefs(db, body.entityRefs, filter);
      return sendJson(reply, `{"items":[${items.map((item) => (item === null ? 'null' : project(item))).join(',')}]}`);
    },
  );

  router.get('/entity-facets', { schema: { querystring: entityFacetsQuery } }, async (request): Promise<EntityFacetsResponse> => {
    const facets = checkFacets(listParam(request.query.facet));
    return { facets: await getEntityFacets(db, facets, parseFilterParams(request.query.filter)) };
  });

  router.post('/entity-facets', { schema: { body: entityFacetsBody } }, async (request): Promise<EntityFacetsResponse> => {
    const { facets, query } = request.body;
    const filter: EntityFilter | undefined = query === undefined ? undefined : parsePredicate(query);
    return { facets: await getEntityFacets(db, checkFacets(facets), filter) };
  });

  router.get('/graph', { schema: { querystring: relationsGraphQuery } }, async (request): Promise<RelationsGraphResponse> => {
    const { query } = request;
    const roots = commaListParam(query.rootEntityRefs).map((ref) => {
      const parsed = tryParseEntityRef(ref);
      if (!parsed) throw new InputError(`Invalid rootEntityRefs: '${ref}' is not an entity ref like component:default/orders`);
      return stringifyEntityRef(parsed);
    });
    if (roots.length === 0) throw new InputError('Invalid rootEntityRefs: give at least one entity ref');
    const relationTypes = commaListParam(query.relationTypes);
    return getRelationsGraph(db, {
      rootEntityRefs: roots,
      maxDepth: query.maxDepth ?? 2,
      maxNodes: query.maxNodes ?? 200,
      ...(relationTypes.length ? { relationTypes } : {}),
    });
  });
}

/** The by-query response, written around the stored entity JSON (see projectJson). */
function respond(reply: FastifyReply, result: QueryEntitiesResult, fields: string[] | undefined): FastifyReply {
  const project = projectJson(fields);
  const pageInfo = {
    ...(result.nextCursor ? { nextCursor: encodeEntityCursor(result.nextCursor) } : {}),
    ...(result.prevCursor ? { prevCursor: encodeEntityCursor(result.prevCursor) } : {}),
  };
  const items = result.bodies.map(project).join(',');
  return sendJson(reply, `{"items":[${items}],"totalItems":${result.totalItems},"pageInfo":${JSON.stringify(pageInfo)}}`);
}

function sendJson(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}

function checkFacets(facets: string[]): string[] {
  const cleaned = facets.map((facet) => facet.trim()).filter(Boolean);
  if (cleaned.length === 0) throw new InputError('Invalid facet: name at least one facet, e.g. facet=kind');
  if (cleaned.length > 50) throw new InputError('Invalid facet: at most 50 facets per request');
  return cleaned;
}

function optional(filter: EntityFilter | undefined): { filter?: EntityFilter } {
  return filter === undefined ? {} : { filter };
}

function optionalOffset(offset: number | undefined): { offset?: number } {
  return offset === undefined ? {} : { offset };
}

function total(value: 'include' | 'exclude' | undefined): { totalItems?: 'include' | 'exclude' } {
  return value === undefined ? {} : { totalItems: value };
}
