import type { DatabaseDialect, PluginLogger } from '@portico/server';
import type { Kysely } from 'kysely';
import type { SearchTables } from '../database/tables.js';
import { enableFuzzyMatching } from './pg/enable-fuzzy.js';
import { createPgEngine } from './pg/pg-engine.js';
import { createSqliteEngine } from './sqlite/sqlite-engine.js';
import type { SearchEngine } from './types.js';

export interface EngineOptions {
  db: Kysely<SearchTables>;
  dialect: DatabaseDialect;
  logger: PluginLogger;
  /** PostgreSQL: use pg_trgm for typo tolerance when it can be had. */
  fuzzy: boolean;
  fuzzyThreshold: number;
}

/** The engine for the portal's database: FTS5 on SQLite, tsvector (+ pg_trgm) on PostgreSQL. */
export async function createSearchEngine(options: EngineOptions): Promise<SearchEngine> {
  if (options.dialect === 'sqlite') return createSqliteEngine(options.db);
  const fuzzy = options.fuzzy ? await enableFuzzyMatching(options.db, options.logger) : false;
  return createPgEngine(options.db, { fuzzy, fuzzyThreshold: options.fuzzyThreshold });
}
