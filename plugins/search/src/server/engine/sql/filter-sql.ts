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
  return sql`d.id IN (SELECT document_id FROM search_document_fields WHERE key = ${filter.field} AND value IN (${sql.join(values)}))`;
}

/** The join that keeps searches on each collator's active generation. */
export function activeGenerationJoin(collatorIds: readonly string[]): RawBuilder<unknown> {
  const only = collatorIds.length ? sql`s.collator_id IN (${sql.join([...collatorIds])})` : sql`1 = 0`;
  return sql`JOIN search_sources s ON s.collator_id = d.collator_id AND s.active_generation = d.generation AND ${only}`;
}
