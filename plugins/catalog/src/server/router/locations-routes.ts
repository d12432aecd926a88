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
