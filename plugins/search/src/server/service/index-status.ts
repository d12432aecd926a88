import type { Kysely } from 'kysely';
import type { SearchIndexStatus } from '../../common/index.js';
import { countActiveDocuments, listSources } from '../database/operations/sources.js';
import type { SearchTables } from '../database/tables.js';
import type { SearchEngine } from '../engine/types.js';
import type { SearchCollator } from '../extension-points.js';

/** How fresh each collator's share of the index is, for `GET /api/search/status`. */
export async function readIndexStatus(
  db: Kysely<SearchTables>,
  engine: SearchEngine,
  collators: readonly SearchCollator[],
): Promise<SearchIndexStatus> {
  const [sources, counts] = await Promise.all([listSources(db), countActiveDocuments(db)]);
  const byId = new Map(sources.map((source) => [source.collator_id, source]));
  return {
    engine: engine.kind,
    fuzzyMatching: engine.fuzzy,
    collators: collators.map((collator) => {
      const source = byId.get(collator.id);
      return {
        id: collator.id,
        types: [...collator.types],
        documents: counts.get(collator.id) ?? 0,
        ...(source?.last_built_at ? { lastBuiltAt: new Date(Number(source.last_built_at)).toISOString() } : {}),
        building: source?.building_generation !== null && source?.building_generation !== undefined,
        ...(source?.last_error ? { lastError: source.last_error } : {}),
      };
    }),
  };
}
