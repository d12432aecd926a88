import type { PluginRouter } from '@portico/server';
import type { Kysely } from 'kysely';
import type { CatalogTables } from '../database/tables.js';
import type { CatalogIngestion } from '../service/ingestion-api.js';

/** What every group of catalog routes works with. */
export interface CatalogRouteContext {
  router: PluginRouter;
  db: Kysely<CatalogTables>;
  /** Everything that changes the catalog goes through the ingestion engine. */
  ingestion: CatalogIngestion;
  readonly: boolean;
}
