import { migratePlugin, type DatabaseDialect } from '@portico/server';
import { createTestDatabase, type TestDatabase } from '@portico/server/testing';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { searchMigrations } from '../database/migrations/index.js';
import type { SearchTables } from '../database/tables.js';
import { createSearchEngine } from '../engine/create-engine.js';
import type { SearchEngine } from '../engine/types.js';
import type { SearchDocumentInput } from '../extension-points.js';
import { createIndexWriter, type IndexWriter } from '../indexer/index-writer.js';
import { createSearchService, type SearchService } from '../service/search-service.js';

export interface SearchHarness {
  database: TestDatabase;
  db: Kysely<SearchTables>;
  engine: SearchEngine;
  writer: IndexWriter;
  service: SearchService;
  /** A full build of the collator's documents, switched in when done. */
  indexAll(collatorId: string, documents: readonly SearchDocumentInput[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * The search tables on a fresh real database, with the engine, writer and query service wired
 * as the plugin wires them, minus HTTP and the scheduler.
 */
export async function createSearchHarness(
  dialect: DatabaseDialect,
  options: { collatorIds?: string[]; now?: number; fuzzy?: boolean } = {},
): Promise<SearchHarness> {
  const database = await createTestDatabase(dialect);
  await migratePlugin(database, 'search', searchMigrations);
  const db = database.kysely as unknown as Kysely<SearchTables>;
  const logger = pino({ level: 'silent' });
  const engine = await createSearchEngine({ db, dialect, logger, fuzzy: options.fuzzy ?? true, fuzzyThreshold: 0.35 });
  const writer = createIndexWriter({ db, dialect, logger });
  const collatorIds = options.collatorIds ?? ['catalog', 'docs'];
  for (const id of collatorIds) await writer.ensureCollator(id);
  const service = createSearchService({
    engine,
    limits: { maxTermLength: 100, defaultPageLimit: 25 },
    collatorIds: () => collatorIds,
    reindex: async () => [],
    status: async () => ({ engine: engine.kind, fuzzyMatching: engine.fuzzy, collators: [] }),
    ...(options.now === undefined ? {} : { now: () => options.now! }),
  });
  return {
    database,
    db,
    engine,
    writer,
    service,
    async indexAll(collatorId, documents) {
      const build = await writer.startBuild(collatorId);
      await build.append(documents);
      if (!(await build.commit())) throw new Error('build was superseded');
    },
    close: () => database.close(),
  };
}
