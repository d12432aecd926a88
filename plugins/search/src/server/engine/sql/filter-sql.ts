import { sql, type RawBuilder } from 'kysely';
import type { SearchFilter } from '../../query/search-filter.js';

/**
 * Compiles a filter to a SQL condition on the documents table aliased `d`. The same SQL runs on
 * SQLite and PostgreSQL; values are bound parameters.
 */
export function filterSql(filter: SearchFilter | undefined): RawBuilder<unknown> {
  if (filter === undefined) return sql`1 = 1`;
  if ('allOf' in filter) {
    return filter.allOf.length ? sql`(${sql.join(filter.allOf.map(filterSql), sql` AND `)})` : sql`1 = 1`;
  }
  if ('anyOf' in filter) {
    return filter.anyOf.length ? sql`(${sql.join(filter.anyOf.map(filterSql), sql` OR `)})` : sql`1 = 0`;
  }
  if ('not' in filter) return sql`NOT (${filterSql(filter.not)})`;
  if ('type' in filter) return filter.type.length ? sql`d.type IN (${sql.join(filter.type)})` : sql`1 = 0`;
  const values = [...new Set(filter.values.map((value) => value.toLocaleLowerCase('en-US')))];
  if (values.length === 0) return sql`1 = 0`;
  // Probed per candidate through (document_id, key, value): a common value (kind=component) would
  // otherwise be materialised as a set of most of the index on every query.
  return sql`EXISTS (SELECT 1 FROM search_document_fields f WHERE f.document_id = d.id AND f.key = ${filter.field} AND f.value IN (${sql.join(values)}))`;
}

/**
 * The join that keeps searches on each collator's active generation. `cross` keeps SQLite's
 * join order as written (the full-text match first), which its planner would otherwise turn
 * around into a scan of every document.
 */
export function activeGenerationJoin(collatorIds: readonly string[], options: { cross?: boolean } = {}): RawBuilder<unknown> {
  const only = collatorIds.length ? sql`s.collator_id IN (${sql.join([...collatorIds])})` : sql`1 = 0`;
  const join = options.cross ? sql`CROSS JOIN` : sql`JOIN`;
  return sql`${join} search_sources s ON s.collator_id = d.collator_id AND s.active_generation = d.generation AND ${only}`;
}
