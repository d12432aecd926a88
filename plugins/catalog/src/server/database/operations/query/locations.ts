import { NotFoundError } from '@portico/model';
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { isAllOf, isAnyOf, isNot, type EntityFilter } from '../../../query/entity-filter.js';
import type { StoredLocation } from '../../../service/ingestion-api.js';
import type { CatalogTables } from '../../tables.js';
import { escapeLike } from './compile-filter.js';

const columns = ['id', 'type', 'target'] as const;

/** Every location, registered and configured, oldest first. */
export async function listLocations(db: Kysely<CatalogTables>): Promise<StoredLocation[]> {
  return db.selectFrom('catalog_locations').select(columns).orderBy('created_at').orderBy('id').execute();
}

export async function findLocation(db: Kysely<CatalogTables>, id: string): Promise<StoredLocation | undefined> {
  return db.selectFrom('catalog_locations').select(columns).where('id', '=', id).executeTakeFirst();
}

/** The location by id; NotFoundError when there is none. */
export async function getLocation(db: Kysely<CatalogTables>, id: string): Promise<StoredLocation> {
  const location = await findLocation(db, id);
  if (!location) throw new NotFoundError(`No location with id '${id}'`);
  return location;
}

/**
 * The registered or configured location an entity came in through (its origin, the
 * `backstage.io/managed-by-origin-location` annotation). Undefined when the entity does not
 * exist or came from somewhere else (an entity provider).
 */
export async function findLocationByEntity(db: Kysely<CatalogTables>, entityRef: string): Promise<StoredLocation | undefined> {
  const entity = await db.selectFrom('catalog_entities').select('origin_key').where('entity_ref', '=', entityRef).executeTakeFirst();
  if (!entity) return undefined;
  const separator = entity.origin_key.indexOf(':');
  if (separator <= 0) return undefined;
  return db
    .selectFrom('catalog_locations')
    .select(columns)
    .where('type', '=', entity.origin_key.slice(0, separator))
    .where('target', '=', entity.origin_key.slice(separator + 1))
    .executeTakeFirst();
}

/** NotFoundError when the entity or its location is unknown. */
export async function getLocationByEntity(db: Kysely<CatalogTables>, entityRef: string): Promise<StoredLocation> {
  const location = await findLocationByEntity(db, entityRef);
  if (!location) throw new NotFoundError(`No location found for entity '${entityRef}'`);
  return location;
}

export interface LocationPage {
  items: StoredLocation[];
  totalItems: number;
  /** The last id of the page, when more follow. */
  nextAfterId?: string;
}

/**
 * Locations matching a predicate over `id`, `type` and `target` (Backstage's POST
 * /locations/by-query), in id order, a page at a time.
 */
export async function queryLocations(
  db: Kysely<CatalogTables>,
  request: { filter?: EntityFilter; afterId?: string; limit: number },
): Promise<LocationPage> {
  const condition = request.filter ? compileLocationFilter(request.filter) : sql<SqlBool>`1 = 1`;
  let query = db
    .selectFrom('catalog_locations')
    .select(columns)
    .where(condition)
    .orderBy('id')
    .limit(request.limit + 1);
  if (request.afterId !== undefined) query = query.where('id', '>', request.afterId);
  const [rows, total] = await Promise.all([
    query.execute(),
    sql<{ count: number | string }>`SELECT COUNT(*) AS count FROM catalog_locations WHERE ${condition}`.execute(db),
  ]);
  const more = rows.length > request.limit;
  const items = more ? rows.slice(0, request.limit) : rows;
  return { items, totalItems: Number(total.rows[0]?.count ?? 0), ...(more ? { nextAfterId: items.at(-1)?.id } : {}) };
}

const LOCATION_FIELDS = new Set(['id', 'type', 'target']);

function compileLocationFilter(filter: EntityFilter): RawBuilder<SqlBool> {
  if (isAllOf(filter)) return filter.allOf.length ? sql<SqlBool>`(${sql.join(filter.allOf.map(compileLocationFilter), sql` AND `)})` : sql<SqlBool>`1 = 1`;
  if (isAnyOf(filter)) return filter.anyOf.length ? sql<SqlBool>`(${sql.join(filter.anyOf.map(compileLocationFilter), sql` OR `)})` : sql<SqlBool>`1 = 0`;
  if (isNot(filter)) return sql<SqlBool>`NOT (${compileLocationFilter(filter.not)})`;
  if ('contains' in filter) return sql<SqlBool>`1 = 0`;
  const field = filter.key.toLowerCase();
  // Unknown fields match nothing, the way an absent key does for entities.
  if (!LOCATION_FIELDS.has(field)) return sql<SqlBool>`1 = 0`;
  const column = sql`LOWER(${sql.ref(field)})`;
  if ('prefix' in filter) return sql<SqlBool>`${column} LIKE ${`${escapeLike(filter.prefix.toLowerCase())}%`} ESCAPE '\\'`;
  if (filter.values === undefined) return sql<SqlBool>`1 = 1`;
  if (filter.values.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`${column} IN (${sql.join(filter.values.map((value) => value.toLowerCase()))})`;
}
