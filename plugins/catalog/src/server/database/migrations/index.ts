import type { Migration } from 'kysely';
import { initial } from './0001_initial.js';
import { ingestionState } from './0002_ingestion_state.js';
import { queryIndexes } from './0003_query_indexes.js';
import { searchStatistics } from './0004_search_statistics.js';

/** In name order; never edit a shipped migration, add the next one. */
export const catalogMigrations: Record<string, Migration> = {
  '0001_initial': initial,
  '0002_ingestion_state': ingestionState,
  '0003_query_indexes': queryIndexes,
  '0004_search_statistics': searchStatistics,
};
