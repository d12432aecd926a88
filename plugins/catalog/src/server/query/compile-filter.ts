import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { CatalogTables } from '../database/tables.js';
import type { EntityFilter } from './entity-filter.js';

type EntitiesBuilder = ExpressionBuilder<CatalogTables & { e: CatalogTables['catalog_entities'] }, 'e'>;

/**
 * Compiles a filter to a condition on `catalog_entities` aliased `e`: each key condition is an
 * `e.entity_id IN (SELECT entity_id FROM catalog_search WHERE key = ? [AND value IN (...)])`,
 * which the (key, value, entity_id) index answers without touching entity bodies.
 */
export function compileFilter(eb: EntitiesBuilder, filter: EntityFilter): Expression<SqlBool> {
  if ('allOf' in filter) {
    return filter.allOf.length ? eb.and(filter.allOf.map((child) => compileFilter(eb, child))) : sql<SqlBool>`1 = 1`;
  }
  if ('anyOf' in filter) {
    return filter.anyOf.length ? eb.or(filter.anyOf.map((child) => compileFilter(eb, child))) : sql<SqlBool>`1 = 0`;
  }
  if ('not' in filter) return eb.not(compileFilter(eb, filter.not));
  const key = filter.key.toLowerCase();
  let matches = eb.selectFrom('catalog_search').select('catalog_search.entity_id').where('catalog_search.key', '=', key);
  if (filter.values !== undefined) {
    const values = [...new Set(filter.values.map((value) => value.toLowerCase()))];
    if (values.length === 0) return sql<SqlBool>`1 = 0`;
    matches = matches.where('catalog_search.value', 'in', values);
  }
  return eb('e.entity_id', 'in', matches);
}

/** A case-insensitive substring match of `term` in any of `fields` (all fields when empty). */
export function compileFullText(eb: EntitiesBuilder, term: string, fields: string[]): Expression<SqlBool> {
  const pattern = `%${term.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  let matches = eb
    .selectFrom('catalog_search')
    .select('catalog_search.entity_id')
    .where(sql<SqlBool>`catalog_search.value LIKE ${pattern} ESCAPE '\\'`);
  if (fields.length) matches = matches.where('catalog_search.key', 'in', fields.map((field) => field.toLowerCase()));
  return eb('e.entity_id', 'in', matches);
}
