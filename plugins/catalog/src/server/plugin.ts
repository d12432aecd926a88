import crypto from 'node:crypto';
import { defineServerPlugin } from '@portico/server';
import { catalogConfigSchema } from './config.js';
import { catalogMigrations } from './database/migrations/index.js';
import type { CatalogTables } from './database/tables.js';
import { catalogProvidersExtensionPoint } from './extension-points.js';
import { createIngestion } from './ingestion/create-ingestion.js';
import { registerCatalogRoutes } from './router/index.js';
import { catalogServiceRef, createCatalogService } from './service/catalog-service.js';

/**
 * The software catalog: reads entities from locations and providers into the database, keeps
 * them stitched, and serves Backstage's catalog API under /api/catalog.
 */
export const catalogPlugin = defineServerPlugin({
  id: 'catalog',
  provides: [catalogServiceRef],
  configSchema: catalogConfigSchema.default(catalogConfigSchema.parse({})),
  migrations: catalogMigrations,
  async setup(context) {
    const db = context.db.kysely<CatalogTables>();
    const ingestion = createIngestion({
      db,
      dialect: context.db.dialect,
      logger: context.logger,
      events: context.events,
      config: context.config,
      rootConfig: context.rootConfig,
      baseDir: context.rootConfig.baseDir,
      replicaId: crypto.randomUUID(),
      providers: context.extensions(catalogProvidersExtensionPoint),
    });
    context.provide(catalogServiceRef, createCatalogService(db));
    registerCatalogRoutes({ router: context.router, db, ingestion, readonly: context.config.readonly });
    context.lifecycle.onStart(() => ingestion.start());
    context.lifecycle.onShutdown(() => ingestion.stop());
  },
});
