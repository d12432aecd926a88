import { sql, type Kysely, type RawBuilder } from 'kysely';
import { TYPES_FACET, type FacetValueCount } from '../../../common/index.js';
import type { SearchTables } from '../../database/tables.js';
import type { SearchFilter } from '../../query/search-filter.js';
import type { EngineFacetQuery } from '../types.js';
import { COUNT_CAP } from './tiered-page.js';

/**
 * Counts, per facet, the values among the matching documents, most frequent first. `types` is
 * the document type; any other facet is a document field. Facets that count under the same
 * filter share one pass. Like the total, counting stops after COUNT_CAP matching documents.
 */
export async function countFacets(
  db: Kysely<SearchTables>,
  query: EngineFacetQuery,
  matchingIds: (filter: SearchFilter | undefined) => RawBuilder<{ id: number }>,
): Promise<Record<string, FacetValueCount[]>> {
  const byFilter = new Map<string, { filter: SearchFilter | undefined; fields: string[] }>();
  for (const facet of query.facets) {
    const key = JSON.stringify(facet.filter ?? null);
    const entry = byFilter.get(key) ?? { filter: facet.filter, fields: [] };
    entry.fields.push(facet.field);
    byFilter.set(key, entry);
  }
  const counts = new Map<string, FacetValueCount[]>();
  for (const { filter, fields } of byFilter.values()) {
    const ids = sql`SELECT m.id FROM (${matchingIds(filter)} LIMIT ${COUNT_CAP}) m`;
    if (fields.includes(TYPES_FACET)) {
      const rows = await sql<{ value: string; count: number }>`
        SELECT d.type AS value, count(*) AS count FROM search_documents d WHERE d.id IN (${ids}) GROUP BY d.type`.execute(db);
      counts.set(TYPES_FACET, rows.rows.map((row) => ({ value: row.value, count: Number(row.count) })));
    }
    const keys = fields.filter((field) => field !== TYPES_FACET);
    if (keys.length === 0) continue;
    const rows = await sql<{ key: string; value: string; count: number }>`
      SELECT f.key, min(f.original_value) AS value, count(*) AS count FROM search_document_fields f
      WHERE f.document_id IN (${ids}) AND f.key IN (${sql.join(keys)})
      GROUP BY f.key, f.value`.execute(db);
    for (const key of keys) counts.set(key, []);
    for (const row of rows.rows) counts.get(row.key)?.push({ value: row.value, count: Number(row.count) });
  }
  const result: Record<string, FacetValueCount[]> = {};
  for (const facet of query.facets) {
    result[facet.field] = (counts.get(facet.field) ?? [])
      .sort((a, b) => b.count - a.count || a.value.toLocaleLowerCase('en-US').localeCompare(b.value.toLocaleLowerCase('en-US')))
      .slice(0, query.limit);
  }
  return result;
}
