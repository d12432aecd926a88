import { ConflictError, InputError, NotAllowedError, NotFoundError, parseEntityRef, stringifyEntityRef } from '@portico/model';
import {
  addLocationQuery,
  analyzeLocationBody,
  entityNameParams,
  locationIdParams,
  locationInput,
  queryLocationsBody,
  refreshBody,
  validateEntityBody,
  type CatalogLocation,
  type QueryLocationsResponse,
} from '../../common/contracts.js';
import { findLocation, findLocationByEntity, listLocations, queryLocations } from '../database/operations/query/locations.js';
import type { EntityFilter } from '../query/entity-filter.js';
import { parsePredicate } from '../query/parse-predicate.js';
import { decodeSmallCursor, encodeSmallCursor, refFromPath } from './params.js';
import type { CatalogRouteContext } from './route-context.js';

interface LocationCursor {
  filter?: EntityFilter;
  afterId: string;
}

/** Locations, and the endpoints that act through the ingestion engine: refresh, validate, analyze. */
export function registerLocationRoutes({ router, db, ingestion, readonly }: CatalogRouteContext): void {
  const refuseWhenReadonly = (what: string) => {
    if (readonly) throw new NotAllowedError(`The catalog is read-only (catalog.readonly): ${what} is not allowed`);
  };

  router.get('/locations', async () => (await listLocations(db)).map((location) => ({ data: location })));

  router.post('/locations/by-query', { schema: { body: queryLocationsBody } }, async (request): Promise<QueryLocationsResponse> => {
    const { body } = request;
    const limit = body.limit ?? 100;
    const position = body.cursor ? decodeSmallCursor(body.cursor, isLocationCursor) : undefined;
    const filter = position ? position.filter : body.query === undefined ? undefined : parsePredicate(body.query);
    const page = await queryLocations(db, { ...(filter ? { filter } : {}), ...(position ? { afterId: position.afterId } : {}), limit });
    const next: LocationCursor | undefined = page.nextAfterId === undefined ? undefined : { ...(filter ? { filter } : {}), afterId: page.nextAfterId };
    return { items: page.items, totalItems: page.totalItems, pageInfo: next ? { nextCursor: encodeSmallCursor(next) } : {} };
  });

  router.get('/locations/by-entity/:kind/:namespace/:name', { schema: { params: entityNameParams } }, async (request): Promise<CatalogLocation> => {
    const location = await findLocationByEntity(db, refFromPath(request.params));
    if (!location) throw new NotFoundError(`No location found for entity '${refFromPath(request.params)}'`);
    return location;
  });

  router.get('/locations/:id', { schema: { params: locationIdParams } }, async (request): Promise<CatalogLocation> => {
    const location = await findLocation(db, request.params.id);
    if (!location) throw new NotFoundError(`No location with id '${request.params.id}'`);
    return location;
  });

  router.post('/locations', { schema: { querystring: addLocationQuery, body: locationInput } }, async (request, reply) => {
    const dryRun = request.query.dryRun === 'true';
    if (!dryRun) refuseWhenReadonly('registering a location');
    try {
      const result = await ingestion.registerLocation(request.body, { dryRun });
      return await reply.status(201).send(result);
    } catch (error) {
      // `onConflict=refresh`: an existing location is answered as it is, marked `exists`.
      if (!(error instanceof ConflictError) || request.query.onConflict !== 'refresh') throw error;
      const existing = (await listLocations(db)).find((location) => location.type === request.body.type && location.target === request.body.target);
      if (!existing) throw error;
      return reply.status(201).send({ location: existing, entities: [], exists: true });
    }
  });

  router.put('/locations/:id', { schema: { params: locationIdParams, body: locationInput } }, async () => {
    throw new NotAllowedError('Changing a registered location is not supported; remove it and register the new target');
  });

  router.delete('/locations/:id', { schema: { params: locationIdParams } }, async (request, reply) => {
    refuseWhenReadonly('removing a location');
    await ingestion.removeLocation(request.params.id);
    return reply.status(204).send();
  });

  router.post('/refresh', { schema: { body: refreshBody } }, async (request, reply) => {
    let entityRef: string;
    try {
      entityRef = stringifyEntityRef(parseEntityRef(request.body.entityRef));
    } catch (error) {
      throw new InputError(`Invalid entityRef: ${(error as Error).message}`);
    }
    await ingestion.refreshEntity(entityRef);
    return reply.status(200).send();
  });

  router.post('/validate-entity', { schema: { body: validateEntityBody } }, async (request, reply) => {
    let result: Awaited<ReturnType<typeof ingestion.validateEntity>>;
    try {
      result = await ingestion.validateEntity(request.body.entity, request.body.location);
    } catch (error) {
      // Backstage answers a bad location ref the same way as a bad entity: 400 with `errors`,
      // which is where its client looks for the reason.
      if (!(error instanceof InputError)) throw error;
      return reply.status(400).send({ errors: [{ name: error.name, message: error.message }] });
    }
    if (result.valid) return reply.status(200).send();
    return reply.status(400).send({ errors: result.errors });
  });

  router.post('/analyze-location', { schema: { body: analyzeLocationBody } }, async (request) => {
    const { location, catalogFilename, catalogFileName } = request.body;
    return ingestion.analyzeLocation(location, catalogFilename ?? catalogFileName);
  });
}

function isLocationCursor(value: unknown): value is LocationCursor {
  const record = value as Partial<LocationCursor> | null;
  return typeof record === 'object' && record !== null && typeof record.afterId === 'string';
}
