import type { PluginRouter } from '@portico/server';
import type { Kysely } from 'kysely';
import type { CatalogTables } from '../database/tables.js';
import type { CatalogIngestion } from '../service/ingestion-api.js';
import { registerEntitiesRoutes } from './entities-routes.js';
import { registerLocationsRoutes } from './locations-routes.js';

export interface CatalogRouterOptions {
  router: PluginRouter;
  db: Kysely<CatalogTables>;
  ingestion: CatalogIngestion;
  /** `catalog.readonly`: no registering, removing or deleting through the API. */
  readonly?: boolean;
}

/** Mounts Backstage's catalog REST API on the plugin's router (`/api/catalog`). */
export function registerCatalogRoutes(options: CatalogRouterOptions): void {
  const shared = { router: options.router, db: options.db, ingestion: options.ingestion, readonly: options.readonly ?? false };
  registerEntitiesRoutes(shared);
  registerLocationsRoutes(shared);
}
