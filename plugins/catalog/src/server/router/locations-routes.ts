import { InputError } from '@portico/model';
import type { PluginRouter } from '@portico/server';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { getLocation, getLocationByEntity, listLocations } from '../database/operations/query/locations.js';
import type { CatalogTables } from '../database/tables.js';
import type { CatalogIngestion } from '../service/ingestion-api.js';
import { entityNameParams, refOf } from './params.js';

export interface LocationsRoutesOptions {
  router: PluginRouter;
  db: Kysely<CatalogTables>;
  ingestion: CatalogIngestion;
  readonly: boolean;
}

const locationSpec = z.object({ type: z.string().min(1).max(50), target: z.string().min(1).max(4000) });

/** Backstage's location endpoints, plus refresh, validation and analysis, which act on locations. */
export function registerLocationsRoutes({ router, db, ingestion, readonly }: LocationsRoutesOptions): void {
  const refuseWhenReadonly = () => {
    if (readonly) throw new InputError('The catalog is read-only (catalog.readonly)');
  };

  router.get('/locations', async () => (await listLocations(db)).map((location) => ({ data: location })));

  router.post(
    '/locations/by-query',
    {
      schema: {
        body: z.object({
          limit: z.number().int().min(1).max(1000).optional(),
          cursor: z.string().optional(),
          query: z.object({ type: z.string().optional(), target: z.string().optional() }).strict().optional(),
        }),
      },
    },
    async (request) => {
      const { body } = request;
      const position = body.cursor ? decodeLocationCursor(body.cursor) : { offset: 0, query: body.query ?? {} };
      const limit = body.limit ?? 100;
      const matching = (await listLocations(db)).filter(
        (location) =>
          (position.query.type === undefined || location.type === position.query.type) &&
          (position.query.target === undefined || location.target === position.query.target),
      );
      const items = matching.slice(position.offset, position.offset + limit);
      const next = position.offset + limit < matching.length ? encodeLocationCursor({ ...position, offset: position.offset + limit }) : undefined;
      return { items, totalItems: matching.length, pageInfo: next ? { nextCursor: next } : {} };
    },
  );

  router.get('/locations/:id', { schema: { params: z.object({ id: z.string().min(1) }) } }, async (request) =>
    getLocation(db, request.params.id),
  );

  router.get('/locations/by-entity/:kind/:namespace/:name', { schema: { params: entityNameParams } }, async (request) =>
    getLocationByEntity(db, refOf(request.params)),
  );

  router.post(
    '/locations',
    { schema: { querystring: z.object({ dryRun: z.enum(['true', 'false']).optional() }), body: locationSpec } },
    async (request, reply) => {
      const dryRun = request.query.dryRun === 'true';
      if (!dryRun) refuseWhenReadonly();
      const result = await ingestion.registerLocation(request.body, { dryRun });
      return reply.status(201).send(result);
    },
  );

  router.delete('/locations/:id', { schema: { params: z.object({ id: z.string().min(1) }) } }, async (request, reply) => {
    refuseWhenReadonly();
    await ingestion.removeLocation(request.params.id);
    return reply.status(204).send();
  });

  router.post(
    '/refresh',
    { schema: { body: z.object({ entityRef: z.string().min(1), authorizationToken: z.string().optional() }) } },
    async (request, reply) => {
      await ingestion.refreshEntity(request.body.entityRef.toLowerCase());
      return reply.status(200).send();
    },
  );

  router.post(
    '/validate-entity',
    { schema: { body: z.object({ entity: z.unknown(), location: z.string().min(1) }) } },
    async (request, reply) => {
      const result = await ingestion.validateEntity(request.body.entity, request.body.location);
      if (result.valid) return reply.status(200).send({});
      return reply.status(400).send({ errors: result.errors });
    },
  );

  router.post(
    '/analyze-location',
    { schema: { body: z.object({ location: locationSpec, catalogFileName: z.string().max(200).optional() }) } },
    async (request) => ingestion.analyzeLocation(request.body.location, request.body.catalogFileName),
  );
}

interface LocationCursor {
  offset: number;
  query: { type?: string; target?: string };
}

function encodeLocationCursor(cursor: LocationCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeLocationCursor(value: string): LocationCursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as LocationCursor;
    if (typeof parsed.offset !== 'number' || typeof parsed.query !== 'object' || parsed.query === null) throw new Error('bad');
    return parsed;
  } catch {
    throw new InputError('cursor: not a cursor this server issued');
  }
}
