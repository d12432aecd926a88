import type { PluginRouter } from '@portico/server';
import type { Kysely } from 'kysely';
import type { CatalogTables } from '../database/tables.js';
import type { CatalogIngestion } from '../service/ingestion-api.js';
import { registerEntityRoutes } from './entity-routes.js';
import { registerLocationRoutes } from './location-routes.js';
import { registerQueryRoutes } from './query-routes.js';

export interface CatalogRouterOptions {
  /** The plugin's router, mounted at `/api/catalog`. */
  router: PluginRouter;
  db: Kysely<CatalogTables>;
  /** Writes (locations, refresh, deletes, validation) are delegated here. */
  ingestion: CatalogIngestion;
  /** `catalog.readonly`: no registering, removing or deleting through the API. */
  readonly?: boolean;
}

/**
 * Mounts Backstage's catalog REST API on the plugin's router, so `@backstage/catalog-client`
 * and scripts written for Backstage work unchanged, plus Portico's entity history and relations
 * graph. Errors are thrown as typed errors; the kernel turns them into Backstage's error body.
 */
export function createCatalogRouter(options: CatalogRouterOptions): void {
  const context = { router: options.router, db: options.db, ingestion: options.ingestion, readonly: options.readonly ?? false };
  registerEntityRoutes(context);
  registerQueryRoutes(context);
  registerLocationRoutes(context);
}

/** The name plugin.ts uses. */
export const registerCatalogRoutes = createCatalogRouter;
