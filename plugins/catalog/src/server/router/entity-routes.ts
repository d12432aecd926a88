import { Readable } from 'node:stream';
import { NotFoundError } from '@portico/model';
import {
  entityHistoryQuery,
  entityNameParams,
  entityUidParams,
  getEntitiesQuery,
  type EntityAncestryResponse,
  type EntityHistoryResponse,
} from '../../common/contracts.js';
import { getEntityAncestry } from '../database/operations/query/entity-ancestry.js';
import { getEntityHistory, type HistoryPosition } from '../database/operations/query/entity-history.js';
import { getEntityByRef, getEntityByUid } from '../database/operations/query/get-entities.js';
import { listEntities, streamEntities, type ListEntitiesRequest } from '../database/operations/query/list-entities.js';
import { decodeEntityCursor, encodeEntityCursor } from '../query/entity-cursor.js';
import { parseFields, projectJson } from '../query/fields.js';
import { parseOrderParams } from '../query/order.js';
import { parseFilterParams } from '../query/parse-filter-params.js';
import type { CatalogRouteContext } from './route-context.js';
import { decodeSmallCursor, encodeSmallCursor, refFromPath } from './params.js';

/** GET /entities, the single-entity endpoints and Portico's entity history. */
export function registerEntityRoutes({ router, db, ingestion }: CatalogRouteContext): void {
  router.get('/entities', { schema: { querystring: getEntitiesQuery } }, async (request, reply) => {
    const { query } = request;
    const project = projectJson(parseFields(query.fields));
    const cursor = query.after ? decodeEntityCursor(query.after, 'after') : undefined;
    const listing: ListEntitiesRequest = cursor
      ? { ...(cursor.filter ? { filter: cursor.filter } : {}), order: cursor.order, after: cursor.position }
      : { ...optionalFilter(parseFilterParams(query.filter)), order: parseOrderParams(query.order), offset: query.offset ?? 0 };

    if (query.limit !== undefined) {
      const page = await listEntities(db, { ...listing, limit: query.limit });
      if (page.next) {
        const after = encodeEntityCursor({ filter: listing.filter, order: [...(listing.order ?? [])], direction: 'next', position: page.next });
        const url = new URL(request.url, 'http://portico.invalid');
        url.searchParams.delete('offset');
        url.searchParams.set('after', after);
        void reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
      }
      void reply.type('application/json; charset=utf-8');
      return reply.send(`[${page.bodies.map(project).join(',')}]`);
    }

    // Without a limit, every match: streamed in batches so 100k entities never sit in memory at
    // once. The first batch is read before answering, so a bad filter still gets its 400.
    const batches = streamEntities(db, listing);
    const first = await batches.next();
    void reply.type('application/json; charset=utf-8');
    return reply.send(Readable.from(jsonArray(first.done ? undefined : first.value, batches, project)));
  });

  router.get('/entities/by-uid/:uid', { schema: { params: entityUidParams } }, async (request) => {
    const entity = await getEntityByUid(db, request.params.uid);
    if (!entity) throw new NotFoundError(`No entity with uid '${request.params.uid}'`);
    return entity;
  });

  router.delete('/entities/by-uid/:uid', { schema: { params: entityUidParams } }, async (request, reply) => {
    await ingestion.deleteEntity(request.params.uid);
    return reply.status(204).send();
  });

  router.get('/entities/by-name/:kind/:namespace/:name', { schema: { params: entityNameParams } }, async (request) => {
    const entity = await getEntityByRef(db, refFromPath(request.params));
    if (!entity) throw new NotFoundError(notFoundMessage(request.params));
    return entity;
  });

  router.get(
    '/entities/by-name/:kind/:namespace/:name/ancestry',
    { schema: { params: entityNameParams } },
    async (request): Promise<EntityAncestryResponse> => {
      const ancestry = await getEntityAncestry(db, refFromPath(request.params));
      if (!ancestry) throw new NotFoundError(notFoundMessage(request.params));
      return ancestry;
    },
  );

  router.get(
    '/entities/by-name/:kind/:namespace/:name/history',
    { schema: { params: entityNameParams, querystring: entityHistoryQuery } },
    async (request): Promise<EntityHistoryResponse> => {
      const entityRef = refFromPath(request.params);
      const { limit = 50, cursor, offset } = request.query;
      const after = cursor ? decodeSmallCursor(cursor, isHistoryPosition) : undefined;
      const page = await getEntityHistory(db, entityRef, { limit, ...(after ? { after } : {}), ...(offset ? { offset } : {}) });
      if (page.totalItems === 0 && !(await getEntityByRef(db, entityRef))) throw new NotFoundError(notFoundMessage(request.params));
      return {
        entityRef,
        items: page.items,
        totalItems: page.totalItems,
        pageInfo: page.next ? { nextCursor: encodeSmallCursor(page.next) } : {},
      };
    },
  );
}

function optionalFilter<T>(filter: T | undefined): { filter?: T } {
  return filter === undefined ? {} : { filter };
}

function notFoundMessage(params: { kind: string; namespace: string; name: string }): string {
  return `No entity named '${params.name}' found, with kind '${params.kind}' in namespace '${params.namespace}'`;
}

function isHistoryPosition(value: unknown): value is HistoryPosition {
  const record = value as Partial<HistoryPosition> | null;
  return typeof record === 'object' && record !== null && typeof record.changedAt === 'number' && typeof record.id === 'string';
}

async function* jsonArray(
  first: string[] | undefined,
  rest: AsyncIterator<string[]>,
  project: (body: string) => string,
): AsyncGenerator<string> {
  yield '[';
  let separator = '';
  let batch = first;
  while (batch) {
    yield separator + batch.map(project).join(',');
    separator = ',';
    const next = await rest.next();
    batch = next.done ? undefined : next.value;
  }
  yield ']';
}
