import { NotFoundError, type Entity } from '@portico/model';
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { compileFilter, compileFullText } from '../../../query/compile-filter.js';
import type { EntityFilter } from '../../../query/entity-filter.js';
import type { CatalogTables } from '../../tables.js';

export interface EntityOrder {
  field: string;
  order: 'asc' | 'desc';
}

/** What a page of entities is cut from: a filter, a text match and an order. */
export interface EntityQuery {
  filter?: EntityFilter;
  fullText?: { term: string; fields: string[] };
  order?: EntityOrder[];
}

type Tables = CatalogTables & { e: CatalogTables['catalog_entities'] };

/** Entity columns that sort faster than the search table and mean the same thing. */
const COLUMN_BY_FIELD: Readonly<Record<string, 'e.name' | 'e.kind' | 'e.namespace'>> = {
  'metadata.name': 'e.name',
  kind: 'e.kind',
  'metadata.namespace': 'e.namespace',
};

function baseQuery(db: Kysely<CatalogTables>, query: EntityQuery): SelectQueryBuilder<Tables, 'e', object> {
  let builder = (db as unknown as Kysely<Tables>).selectFrom('catalog_entities as e');
  if (query.filter) {
    const filter = query.filter;
    builder = builder.where((eb) => compileFilter(eb, filter));
  }
  const fullText = query.fullText;
  if (fullText && fullText.term.trim()) {
    builder = builder.where((eb) => compileFullText(eb, fullText.term.trim(), fullText.fields));
  }
  return builder;
}

/** One page of final entities, in order; ties are broken by entity ref so pages never overlap. */
export async function findEntities(
  db: Kysely<CatalogTables>,
  query: EntityQuery,
  page: { offset: number; limit: number | undefined },
): Promise<Entity[]> {
  let builder = baseQuery(db, query).select('e.final_body');
  for (const { field, order } of query.order ?? []) {
    const column = COLUMN_BY_FIELD[field.toLowerCase()];
    if (column) {
      builder = builder.orderBy(column, order);
      continue;
    }
    // Entities without the field sort last whichever the direction, as in Backstage.
    const value = sql<string | null>`(SELECT MIN(s.value) FROM catalog_search s WHERE s.entity_id = e.entity_id AND s.key = ${field.toLowerCase()})`;
    builder = builder.orderBy(sql`CASE WHEN ${value} IS NULL THEN 1 ELSE 0 END`).orderBy(value, order);
  }
  builder = builder.orderBy('e.entity_ref', 'asc');
  // SQLite needs a LIMIT before an OFFSET; "no limit" is the largest one both databases take.
  if (page.limit !== undefined || page.offset > 0) builder = builder.limit(page.limit ?? 2_147_483_647);
  if (page.offset > 0) builder = builder.offset(page.offset);
  const rows = await builder.execute();
  return rows.map((row) => JSON.parse(row.final_body) as Entity);
}

export async function countEntities(db: Kysely<CatalogTables>, query: EntityQuery): Promise<number> {
  const row = await baseQuery(db, query)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function getEntityByRef(db: Kysely<CatalogTables>, entityRef: string): Promise<Entity | undefined> {
  const row = await db
    .selectFrom('catalog_entities')
    .select('final_body')
    .where('entity_ref', '=', entityRef.toLowerCase())
    .executeTakeFirst();
  return row ? (JSON.parse(row.final_body) as Entity) : undefined;
}

export async function getEntityByUid(db: Kysely<CatalogTables>, uid: string): Promise<Entity> {
  const row = await db.selectFrom('catalog_entities').select('final_body').where('entity_id', '=', uid).executeTakeFirst();
  if (!row) throw new NotFoundError(`No entity with uid ${uid}`);
  return JSON.parse(row.final_body) as Entity;
}

/** Entities for the given refs, in the same order, with undefined for refs not found or filtered out. */
export async function getEntitiesByRefs(
  db: Kysely<CatalogTables>,
  entityRefs: string[],
  filter: EntityFilter | undefined,
): Promise<Array<Entity | undefined>> {
  const wanted = [...new Set(entityRefs.map((ref) => ref.toLowerCase()))];
  const found = new Map<string, Entity>();
  for (let index = 0; index < wanted.length; index += 500) {
    const slice = wanted.slice(index, index + 500);
    let builder = (db as unknown as Kysely<Tables>)
      .selectFrom('catalog_entities as e')
      .select(['e.entity_ref', 'e.final_body'])
      .where('e.entity_ref', 'in', slice);
    if (filter) builder = builder.where((eb) => compileFilter(eb, filter));
    for (const row of await builder.execute()) found.set(row.entity_ref, JSON.parse(row.final_body) as Entity);
  }
  return entityRefs.map((ref) => found.get(ref.toLowerCase()));
}
