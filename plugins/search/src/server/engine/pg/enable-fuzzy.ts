import type { PluginLogger } from '@portico/server';
import { sql, type Kysely } from 'kysely';
import type { SearchTables } from '../../database/tables.js';

/**
 * Turns on typo-tolerant matching when the database allows it: installs pg_trgm if it is not
 * there (this needs a role that may create extensions) and indexes the words of names and
 * titles by trigrams. Where either step is refused, search works on without it.
 */
export async function enableFuzzyMatching(db: Kysely<SearchTables>, logger: PluginLogger): Promise<boolean> {
  try {
    if (!(await hasTrigramExtension(db))) await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  } catch (error) {
    // Two replicas creating it at once: one wins, the other sees a duplicate; both can go on.
    if (!(await hasTrigramExtension(db))) {
      logger.warn(`search: pg_trgm is not available (${(error as Error).message}); typo-tolerant matching is off`);
      return false;
    }
  }
  try {
    await sql`CREATE INDEX IF NOT EXISTS search_words_trgm_idx ON search_words USING gin (word gin_trgm_ops) WITH (fastupdate = off)`.execute(db);
    return true;
  } catch (error) {
    if (await hasFuzzyIndex(db)) return true;
    logger.warn(`search: could not index names by trigrams (${(error as Error).message}); typo-tolerant matching is off`);
    return false;
  }
}

async function hasTrigramExtension(db: Kysely<SearchTables>): Promise<boolean> {
  const result = await sql<{ found: number }>`SELECT 1 AS found FROM pg_extension WHERE extname = 'pg_trgm'`.execute(db);
  return result.rows.length > 0;
}

async function hasFuzzyIndex(db: Kysely<SearchTables>): Promise<boolean> {
  const result = await sql<{ found: number }>`SELECT 1 AS found FROM pg_indexes WHERE indexname = 'search_words_trgm_idx' AND schemaname = current_schema()`.execute(db);
  return result.rows.length > 0;
}
