import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { isAllOf, isAnyOf, isNot, type EntityCondition, type EntityFilter } from '../../../query/entity-filter.js';

/** Where the compiled condition finds the entity it tests. */
export interface FilterTarget {
  /** The column holding the entity's id, e.g. `e.entity_id` or `s.entity_id`. */
  entityId: string;
  /**
   * The column holding the entity's lower-cased ref, when the query has `catalog_entities` at
   * hand. A `kind` condition then becomes a range on the ref (`component:` up to `component;`),
   * which the unique ref index answers in order, without reading search rows.
   */
  entityRef?: string;
  /**
   * `exists` (default): each condition probes the entity's own search rows, cheapest when few
   * entities are tested (a page walked in order). `in`: each condition is a set of entity ids
   * built once, cheapest when every match is visited (counts, facets, whole lists).
   */
  mode?: 'exists' | 'in';
}

const TRUE = sql<SqlBool>`1 = 1`;
const FALSE = sql<SqlBool>`1 = 0`;

/**
 * Compiles a filter to one SQL condition on the target entity. Each key condition is an
 * `EXISTS` probe of `catalog_search` by (entity_id, key, value), so a page of 50 rows in any
 * order touches a few hundred index entries instead of every match, and the planner (PostgreSQL
 * especially) is free to turn probes into semi-joins when the filter is the smaller side.
 * Permission conditions compile here too, so they cannot leak what a filter would not.
 */
export function compileFilter(filter: EntityFilter, target: FilterTarget): RawBuilder<SqlBool> {
  if (isAllOf(filter)) {
    if (filter.allOf.length === 0) return TRUE;
    return group(filter.allOf.map((child) => compileFilter(child, target)), ' AND ');
  }
  if (isAnyOf(filter)) {
    if (filter.anyOf.length === 0) return FALSE;
    return group(filter.anyOf.map((child) => compileFilter(child, target)), ' OR ');
  }
  if (isNot(filter)) return sql<SqlBool>`NOT (${compileFilter(filter.not, target)})`;
  return compileCondition(filter, target);
}

function compileCondition(condition: EntityCondition, target: FilterTarget): RawBuilder<SqlBool> {
  if (!('contains' in condition) && !('prefix' in condition) && condition.values !== undefined && target.entityRef && lower(condition.key) === 'kind') {
    const kinds = unique(condition.values.map(lower));
    return kinds.length ? kindAsRefRange(kinds, sql.ref(target.entityRef)) : FALSE;
  }
  const where = searchRowCondition(condition);
  return where ? searchRows(target, where) : FALSE;
}

/** Which search rows satisfy the condition (their `fs.` columns); undefined when none can. */
function searchRowCondition(condition: EntityCondition): RawBuilder<unknown> | undefined {
  if ('contains' in condition) {
    const keys = unique(condition.keys.map(lower));
    if (keys.length === 0) return undefined;
    const pattern = `%${escapeLike(lower(condition.contains))}%`;
    return sql`fs.key IN (${sql.join(keys)}) AND fs.value LIKE ${pattern} ESCAPE '\\'`;
  }
  const key = lower(condition.key);
  if ('prefix' in condition) {
    const pattern = `${escapeLike(lower(condition.prefix))}%`;
    return sql`fs.key = ${key} AND fs.value LIKE ${pattern} ESCAPE '\\'`;
  }
  if (condition.values === undefined) return sql`fs.key = ${key}`;
  const values = unique(condition.values.map(lower));
  if (values.length === 0) return undefined;
  if (values.length === 1) return sql`fs.key = ${key} AND fs.value = ${values[0]}`;
  return sql`fs.key = ${key} AND fs.value IN (${sql.join(values)})`;
}

/** "The entity has a search row matching `where`", as a probe or as a set, per the target's mode. */
function searchRows(target: FilterTarget, where: RawBuilder<unknown>): RawBuilder<SqlBool> {
  const entityId = sql.ref(target.entityId);
  if (target.mode === 'in') return sql<SqlBool>`${entityId} IN (SELECT fs.entity_id FROM catalog_search fs WHERE ${where})`;
  return sql<SqlBool>`EXISTS (SELECT 1 FROM catalog_search fs WHERE fs.entity_id = ${entityId} AND ${where})`;
}

/**
 * Refs are `kind:namespace/name`, lower-cased, and kinds cannot contain `:`, so "kind is k"
 * is exactly "ref is at least `k:` and below `k;`" (`;` follows `:` in code point order).
 */
function kindAsRefRange(kinds: string[], entityRef: RawBuilder<unknown>): RawBuilder<SqlBool> {
  const ranges = kinds.map((kind) => sql<SqlBool>`(${entityRef} >= ${`${kind}:`} AND ${entityRef} < ${`${kind};`})`);
  return ranges.length === 1 ? ranges[0]! : group(ranges, ' OR ');
}

function group(parts: RawBuilder<SqlBool>[], separator: string): RawBuilder<SqlBool> {
  if (parts.length === 1) return parts[0]!;
  return sql<SqlBool>`(${sql.join(parts, sql.raw(separator))})`;
}

/** `%`, `_` and the escape character itself match literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function lower(text: string): string {
  return text.toLowerCase();
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}

/**
 * The filter as a set of entity ids: each condition selects ids from the search index and the
 * tree becomes INTERSECT, UNION and EXCEPT. Set operations sort or hash both sides once, which
 * beats probing every candidate when every match is counted (measured at 100k entities on
 * SQLite: a count of 50k matches in a third of the time of per-row probes).
 */
export function compileFilterAsIdSet(filter: EntityFilter): RawBuilder<unknown> {
  if (isAllOf(filter)) {
    if (filter.allOf.length === 0) return ALL_IDS;
    return compound(filter.allOf.map(compileFilterAsIdSet), 'INTERSECT');
  }
  if (isAnyOf(filter)) {
    if (filter.anyOf.length === 0) return NO_IDS;
    return compound(filter.anyOf.map(compileFilterAsIdSet), 'UNION');
  }
  if (isNot(filter)) return compound([ALL_IDS, compileFilterAsIdSet(filter.not)], 'EXCEPT');
  const where = searchRowCondition(filter);
  return where ? sql`SELECT fs.entity_id FROM catalog_search fs WHERE ${where}` : NO_IDS;
}

const ALL_IDS = sql`SELECT ae.entity_id FROM catalog_entities ae`;
const NO_IDS = sql`SELECT ae.entity_id FROM catalog_entities ae WHERE 1 = 0`;

/** SQLite takes no parentheses around the members of a compound select, so each is a subquery. */
function compound(members: RawBuilder<unknown>[], operator: 'INTERSECT' | 'UNION' | 'EXCEPT'): RawBuilder<unknown> {
  if (members.length === 1) return members[0]!;
  return sql.join(
    members.map((member, index) => sql`SELECT ${sql.ref(`m${index}.entity_id`)} FROM (${member}) ${sql.ref(`m${index}`)}`),
    sql.raw(` ${operator} `),
  );
}
