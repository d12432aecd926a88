import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { EntityFilter } from '../../../query/entity-filter.js';
import type { CatalogTables } from '../../tables.js';
import { compileFilter, compileFilterAsIdSet, type FilterTarget } from './compile-filter.js';
import { afterBoundary, orderByClause, reverseTerm, type SortDirection, type SortTerm } from './keyset.js';

export interface EntityOrder {
  /** A search key such as `metadata.name` (case-insensitive). */
  field: string;
  order: SortDirection;
}

/** Where a row sits in an order: its sort values (one per order field) and its ref. */
export interface EntityPosition {
  values: Array<string | null>;
  ref: string;
}

export interface EntityPageRequest {
  filter?: EntityFilter;
  /** Entities without a value for a field sort after those with one, in either direction. Ties: by ref. */
  order?: readonly EntityOrder[];
  /** Only rows strictly after this position. */
  after?: EntityPosition;
  /** Only rows strictly before this position (the page is still returned in order). */
  before?: EntityPosition;
  offset?: number;
  limit: number;
}

/** Every match at once (ids and sort values only), for lists without a limit. */
export interface EntityListRequest {
  filter?: EntityFilter;
  order?: readonly EntityOrder[];
  offset?: number;
}

export interface EntityPageRow {
  entityId: string;
  entityRef: string;
  /** The row's sort values, one per order field: the smallest value for `asc`, the largest for `desc`. */
  values: Array<string | null>;
}

type IdRow = { entity_id: string; entity_ref: string } & Record<`v${number}`, string | null>;

/**
 * One page of entity ids in a stable order. Bodies are not read here: the caller loads them for
 * the page alone (load-entity-bodies.ts), so sorting never drags entity JSON around.
 */
export async function selectEntityPage(db: Kysely<CatalogTables>, request: EntityPageRequest): Promise<EntityPageRow[]> {
  if (request.after && request.before) throw new Error('selectEntityPage: give after or before, not both');
  if (request.limit <= 0) return [];
  const order = normalizeOrder(request.order ?? []);
  if (order.length === 1) return selectOrderedByOneField(db, request, order[0]!);
  return selectOrderedByColumns(db, request, order, 'exists');
}

/**
 * The ids of every match in order, in one query: conditions become sets built once and the
 * matches are sorted once, instead of walking the order and probing each candidate, which is
 * the better trade when every match is wanted anyway.
 */
export async function selectAllEntityIds(db: Kysely<CatalogTables>, request: EntityListRequest): Promise<EntityPageRow[]> {
  const order = normalizeOrder(request.order ?? []);
  return selectOrderedByColumns(db, { ...request, limit: undefined }, order, 'in');
}

function normalizeOrder(order: readonly EntityOrder[]): EntityOrder[] {
  const seen = new Set<string>();
  const result: EntityOrder[] = [];
  for (const { field, order: direction } of order) {
    const key = field.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ field: key, order: direction });
  }
  return result;
}

function filterCondition(filter: EntityFilter | undefined, target: FilterTarget): RawBuilder<SqlBool> {
  return filter ? compileFilter(filter, target) : sql<SqlBool>`1 = 1`;
}

/**
 * No order, or several fields: each field's value comes from a correlated lookup, and rows are
 * sorted after filtering. Fine for the lists this serves (GET /entities with `order`), where
 * one-field orders, the common case, take the faster path below.
 */
async function selectOrderedByColumns(
  db: Kysely<CatalogTables>,
  request: Omit<EntityPageRequest, 'limit'> & { limit: number | undefined },
  order: EntityOrder[],
  mode: 'exists' | 'in',
): Promise<EntityPageRow[]> {
  const backwards = request.before !== undefined;
  const position = request.before ?? request.after;
  const valueColumns = order.map((entry, index) => {
    const pick = entry.order === 'asc' ? sql.raw('MIN') : sql.raw('MAX');
    return sql`(SELECT ${pick}(sv.value) FROM catalog_search sv WHERE sv.entity_id = e.entity_id AND sv.key = ${entry.field}) AS ${sql.ref(`v${index}`)}`;
  });
  let terms: SortTerm[] = [
    ...order.map((entry, index): SortTerm => ({ value: sql.ref(`t.v${index}`), direction: entry.order, nullsLast: true })),
    { value: sql.ref('t.entity_ref'), direction: 'asc', nullsLast: true },
  ];
  if (backwards) terms = terms.map(reverseTerm);
  const seek = position ? afterBoundary(terms, [...position.values, position.ref]) : sql<SqlBool>`1 = 1`;
  const inner = sql`SELECT e.entity_id, e.entity_ref${valueColumns.length ? sql`, ${sql.join(valueColumns)}` : sql``}
    FROM catalog_entities e
    WHERE ${mode === 'in' && request.filter ? sql`e.entity_id IN (${compileFilterAsIdSet(request.filter)})` : filterCondition(request.filter, { entityId: 'e.entity_id', entityRef: 'e.entity_ref' })}`;
  const query = sql<IdRow>`SELECT t.* FROM (${inner}) t WHERE ${seek} ORDER BY ${orderByClause(terms)} ${limitClause(request.limit, request.offset)}`;
  const rows = (await query.execute(db)).rows;
  if (backwards) rows.reverse();
  return rows.map((row) => toPageRow(row, order.length));
}

/**
 * One field: walk the (key, value) index of `catalog_search` in order and probe each entity's
 * filter, stopping at the page size, so a page costs about (page size / share of matches)
 * probes instead of sorting every match. Entities without the field follow, in ref order.
 */
async function selectOrderedByOneField(db: Kysely<CatalogTables>, request: EntityPageRequest, order: EntityOrder): Promise<EntityPageRow[]> {
  const backwards = request.before !== undefined;
  const position = request.before ?? request.after;
  const positionHasValue = position !== undefined && position.values[0] !== null && position.values[0] !== undefined;

  // Forward: valued part, then the part without values. Backwards: the reverse.
  const parts: Array<'valued' | 'missing'> = backwards ? ['missing', 'valued'] : ['valued', 'missing'];
  const rows: EntityPageRow[] = [];
  let remainingOffset = request.offset ?? 0;
  for (const part of parts) {
    // A position inside one part rules out the part that lies behind it.
    if (position && !backwards && part === 'valued' && !positionHasValue) continue;
    if (position && backwards && part === 'missing' && positionHasValue) continue;
    const boundary = position && (part === 'valued') === positionHasValue ? position : undefined;
    const wanted = request.limit - rows.length;
    const found =
      part === 'valued'
        ? await selectValuedPart(db, request.filter, order, backwards, boundary, wanted, remainingOffset)
        : await selectMissingPart(db, request.filter, order, backwards, boundary, wanted, remainingOffset);
    rows.push(...found);
    if (rows.length >= request.limit) break;
    // Rows came back, so the offset was used up; none, so this part had fewer rows than the offset.
    if (remainingOffset > 0) {
      remainingOffset = found.length > 0 ? 0 : Math.max(0, remainingOffset - (await countPart(db, request.filter, order, part)));
    }
  }
  if (backwards) rows.reverse();
  return rows;
}

async function selectValuedPart(
  db: Kysely<CatalogTables>,
  filter: EntityFilter | undefined,
  order: EntityOrder,
  backwards: boolean,
  boundary: EntityPosition | undefined,
  limit: number,
  offset: number,
): Promise<EntityPageRow[]> {
  let terms: SortTerm[] = [
    { value: sql.ref('s.value'), direction: order.order, nullsLast: true },
    { value: sql.ref('e.entity_ref'), direction: 'asc', nullsLast: true },
  ];
  if (backwards) terms = terms.map(reverseTerm);
  const bound = boundary?.values[0] ?? null;
  const seek = boundary ? afterBoundary(terms, [bound, boundary.ref]) : sql<SqlBool>`1 = 1`;
  // The keyset condition is an OR the index cannot seek with; this implied bound on the value
  // alone lets the walk start at the boundary, so page 1000 costs what page 1 does.
  const start = bound === null ? sql<SqlBool>`1 = 1` : sql<SqlBool>`s.value ${sql.raw(terms[0]!.direction === 'asc' ? '>=' : '<=')} ${bound}`;
  const query = sql<IdRow>`SELECT s.entity_id, e.entity_ref, s.value AS v0
    FROM catalog_search s
    INNER JOIN catalog_entities e ON e.entity_id = s.entity_id
    WHERE s.key = ${order.field} AND s.value IS NOT NULL
      AND ${representativeValue(order)}
      AND ${filterCondition(filter, { entityId: 's.entity_id' })}
      AND ${start}
      AND ${seek}
    ORDER BY ${orderByClause(terms)} ${limitClause(limit, offset)}`;
  return (await query.execute(db)).rows.map((row) => toPageRow(row, 1));
}

/**
 * Keys that validation guarantees to hold one string per entity: no entity can appear twice
 * while walking them, so the check below is skipped (it is most of a page's cost).
 */
const SINGLE_VALUED = new Set(['kind', 'apiversion', 'metadata.name', 'metadata.namespace', 'metadata.title', 'metadata.description', 'metadata.uid']);

function isSingleValued(key: string): boolean {
  return SINGLE_VALUED.has(key) || key.startsWith('metadata.annotations.') || key.startsWith('metadata.labels.');
}

/** An entity sorts by its smallest value (asc) or largest (desc); search rows are unique per value. */
function representativeValue(order: EntityOrder): RawBuilder<SqlBool> {
  if (isSingleValued(order.field)) return sql<SqlBool>`1 = 1`;
  const better = sql.raw(order.order === 'asc' ? '<' : '>');
  return sql<SqlBool>`NOT EXISTS (SELECT 1 FROM catalog_search m WHERE m.entity_id = s.entity_id AND m.key = s.key AND m.value ${better} s.value)`;
}

function missingValue(order: EntityOrder): RawBuilder<SqlBool> {
  return sql<SqlBool>`NOT EXISTS (SELECT 1 FROM catalog_search m WHERE m.entity_id = e.entity_id AND m.key = ${order.field} AND m.value IS NOT NULL)`;
}

async function selectMissingPart(
  db: Kysely<CatalogTables>,
  filter: EntityFilter | undefined,
  order: EntityOrder,
  backwards: boolean,
  boundary: EntityPosition | undefined,
  limit: number,
  offset: number,
): Promise<EntityPageRow[]> {
  let terms: SortTerm[] = [{ value: sql.ref('e.entity_ref'), direction: 'asc', nullsLast: true }];
  if (backwards) terms = terms.map(reverseTerm);
  const seek = boundary ? afterBoundary(terms, [boundary.ref]) : sql<SqlBool>`1 = 1`;
  const query = sql<IdRow>`SELECT e.entity_id, e.entity_ref, NULL AS v0
    FROM catalog_entities e
    WHERE ${missingValue(order)}
      AND ${filterCondition(filter, { entityId: 'e.entity_id', entityRef: 'e.entity_ref' })}
      AND ${seek}
    ORDER BY ${orderByClause(terms)} ${limitClause(limit, offset)}`;
  return (await query.execute(db)).rows.map((row) => toPageRow(row, 1));
}

async function countPart(
  db: Kysely<CatalogTables>,
  filter: EntityFilter | undefined,
  order: EntityOrder,
  part: 'valued' | 'missing',
): Promise<number> {
  const has = part === 'valued' ? sql<SqlBool>`NOT (${missingValue(order)})` : missingValue(order);
  const query = sql<{ count: number | string }>`SELECT COUNT(*) AS count FROM catalog_entities e
    WHERE ${has} AND ${filterCondition(filter, { entityId: 'e.entity_id', entityRef: 'e.entity_ref' })}`;
  const row = (await query.execute(db)).rows[0];
  return Number(row?.count ?? 0);
}

/** Both databases take a LIMIT before an OFFSET; "no limit" is the largest both accept. */
function limitClause(limit: number | undefined, offset: number | undefined): RawBuilder<unknown> {
  const count = limit ?? 2_147_483_647;
  return offset ? sql`LIMIT ${count} OFFSET ${offset}` : sql`LIMIT ${count}`;
}

function toPageRow(row: IdRow, valueCount: number): EntityPageRow {
  const values: Array<string | null> = [];
  for (let index = 0; index < valueCount; index++) values.push(row[`v${index}`] ?? null);
  return { entityId: row.entity_id, entityRef: row.entity_ref, values };
}
