import { catalogEntityAddedTopic, catalogEntityChangedTopic, catalogEntityRemovedTopic } from '@portico/plugin-catalog/server';
import { defineServerPlugin } from '@portico/server';
import { createHttpCatalogReader } from './collators/catalog/catalog-reader.js';
import { createCatalogCollator } from './collators/catalog/catalog-collator.js';
import { searchConfigSchema } from './config.js';
import { searchMigrations } from './database/migrations/index.js';
import type { SearchTables } from './database/tables.js';
import { createSearchEngine } from './engine/create-engine.js';
import { searchAccessExtensionPoint, searchCollatorsExtensionPoint, type SearchCollator } from './extension-points.js';
import { registerSearchRoutes } from './http/routes.js';
import { IncrementalIndexer } from './indexer/incremental-indexer.js';
import { createIndexWriter } from './indexer/index-writer.js';
import { Reindexer } from './indexer/reindexer.js';
import { readIndexStatus } from './service/index-status.js';
import { createSearchService, searchServiceRef } from './service/search-service.js';

const COLLATOR_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,99}$/i;

/**
 * Search over everything collators provide (the catalog built in; docs, templates and other
 * plugins through `searchCollatorsExtensionPoint`), on the portal's own database: SQLite FTS5
 * or PostgreSQL full-text. Serves Backstage's `GET /api/search/query`.
 */
export const searchPlugin = defineServerPlugin({
  id: 'search',
  provides: [searchServiceRef],
  configSchema: searchConfigSchema.default(searchConfigSchema.parse({})),
  migrations: searchMigrations,
  async setup(context) {
    const { config, logger } = context;
    const db = context.db.kysely<SearchTables>();
    const dialect = context.db.dialect;
    const engine = await createSearchEngine({ db, dialect, logger, fuzzy: config.pg.fuzzy, fuzzyThreshold: config.pg.fuzzyThreshold });

    const catalogCollator = createCatalogCollator({
      reader: createHttpCatalogReader((request) => context.router.inject(request)),
      subscribe: (onChange) => {
        for (const topic of [catalogEntityAddedTopic, catalogEntityChangedTopic, catalogEntityRemovedTopic]) {
          context.events.subscribe(topic, (event) => onChange(event.entityRef));
        }
      },
      documents: config.catalog,
    });
    const collators = checkCollators([catalogCollator, ...context.extensions(searchCollatorsExtensionPoint)]);
    const collatorIds = collators.map((collator) => collator.id);

    const writer = createIndexWriter({ db, dialect, logger });
    for (const collator of collators) await writer.ensureCollator(collator.id);
    const incremental = new IncrementalIndexer({ db, dialect, writer, logger });
    for (const collator of collators) {
      const connection = incremental.connectionFor(collator);
      if (connection && collator.connect) await collator.connect(connection);
    }

    const reindexer = new Reindexer({
      collators,
      writer,
      scheduler: context.scheduler,
      logger,
      frequency: config.reindexFrequency,
      timeout: config.reindexTimeout,
    });
    reindexer.schedule();
    context.scheduler.schedule({ id: 'refresh-queued', scope: 'local', frequency: config.pendingPollInterval, fn: () => incremental.drainAll() });

    const service = createSearchService({
      engine,
      limits: { maxTermLength: config.maxTermLength, defaultPageLimit: config.defaultPageLimit },
      collatorIds: () => collatorIds,
      reindex: (collatorId) => reindexer.start(collatorId),
      status: () => readIndexStatus(db, engine, collators),
    });
    context.provide(searchServiceRef, service);
    registerSearchRoutes({
      router: context.router,
      service,
      accessPolicies: context.extensions(searchAccessExtensionPoint),
      reindexAndWait: (collatorId) => reindexer.runAndWait(collatorId),
    });
    context.lifecycle.onStart(() => incremental.start());
    context.lifecycle.onShutdown(() => incremental.stop());
  },
});

function checkCollators(collators: SearchCollator[]): SearchCollator[] {
  const seen = new Set<string>();
  for (const collator of collators) {
    if (!COLLATOR_ID_PATTERN.test(collator.id)) {
      throw new Error(`search: collator id '${collator.id}' must be letters, digits, '.', '_' or '-' (at most 100)`);
    }
    if (seen.has(collator.id)) throw new Error(`search: two collators have the id '${collator.id}'`);
    seen.add(collator.id);
  }
  return collators;
}
