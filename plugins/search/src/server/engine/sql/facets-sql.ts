import { sql, type Kysely, type RawBuilder } from 'kysely';
import { TYPES_FACET, type FacetValueCount } from '../../../common/index.js';
import type { SearchTables } from '../../database/tables.js';
import type { SearchFilter } from '../../query/search-filter.js';
import type { EngineFacetQuery } from '../types.js';

/**
 * Counts, per facet, the values among the matching documents, most frequent first. `types` is
 * the document type; any other facet is a document field.
 */
export async function countFacets(
  db: Kysely<SearchTables>,
  query: EngineFacetQuery,
  matchingIds: (filter: SearchFilter | undefined) => RawBuilder<{ id: number }>,
): Promise<Record<string, FacetValueCount[]>> {
  const result: Record<string, FacetValueCount[]> = {};
  for (const facet of query.facets) {
    const ids = matchingIds(facet.filter);
    const rows =
      facet.field === TYPES_FACET
        ? await sql<{ value: string; count: number }>`
            SELECT d.type AS value, count(*) AS count FROM search_documents d
            WHERE d.id IN (${ids}) GROUP BY d.type ORDER BY count DESC, value LIMIT ${query.limit}`.execute(db)
        : await sql<{ value: string; count: number }>`
            SELECT min(f.original_value) AS value, count(*) AS count FROM search_document_fields f
            WHERE f.key = ${facet.field} AND f.document_id IN (${ids})
            GROUP BY f.value ORDER BY count DESC, f.value LIMIT ${query.limit}`.execute(db);
    result[facet.field] = rows.rows.map((row) => ({ value: row.value, count: Number(row.count) }));
  }
  return result;
}
