import type { Kysely } from 'kysely';
import type { EntityCursor, EntityListing } from '../../../query/entity-cursor.js';
import type { CatalogTables } from '../../tables.js';
import { countEntities } from './count-entities.js';
import { selectEntityPage, type EntityPageRow, type EntityPosition } from './entity-page.js';
import { loadBodiesInOrder } from './load-entities.js';

export interface QueryEntitiesRequest {
  listing: EntityListing;
  /** Continue from a cursor (its listing wins over `listing`). */
  cursor?: EntityCursor;
  /** Rows to skip; only for a first page. */
  offset?: number;
  limit: number;
  /** `exclude` skips counting and answers 0, as Backstage does. */
  totalItems?: 'include' | 'exclude';
}

export interface QueryEntitiesResult {
  /** The page's final entities as JSON text, in order. */
  bodies: string[];
  totalItems: number;
  nextCursor?: EntityCursor;
  prevCursor?: EntityCursor;
}

/**
 * Backstage's by-query: a page of entities in a stable order with cursors to the next and
 * previous pages, and the number of matches (counted once, on the first page, then carried in
 * the cursors). Pages are keyset-based: a cursor stays valid while entities come and go.
 */
export async function queryEntities(db: Kysely<CatalogTables>, request: QueryEntitiesRequest): Promise<QueryEntitiesResult> {
  const cursor = request.cursor;
  const listing: EntityListing = cursor ? { filter: cursor.filter, order: cursor.order } : request.listing;
  const backwards = cursor?.direction === 'prev';
  const limit = request.limit;
  const offset = cursor ? 0 : (request.offset ?? 0);

  const totalPromise =
    request.totalItems === 'exclude'
      ? Promise.resolve(0)
      : cursor?.totalItems !== undefined
        ? Promise.resolve(cursor.totalItems)
        : countEntities(db, listing.filter);
  const rowsPromise =
    limit > 0
      ? selectEntityPage(db, {
          ...(listing.filter ? { filter: listing.filter } : {}),
          order: listing.order,
          ...(cursor ? (backwards ? { before: cursor.position } : { after: cursor.position }) : {}),
          offset,
          limit: limit + 1,
        })
      : Promise.resolve([]);
  const [totalItems, rows] = await Promise.all([totalPromise, rowsPromise]);

  // One row beyond the page tells whether more follow in the direction read.
  const more = rows.length > limit;
  const page = more ? (backwards ? rows.slice(rows.length - limit) : rows.slice(0, limit)) : rows;
  const hasNext = backwards ? page.length > 0 : more;
  const hasPrev = backwards ? more : cursor !== undefined || offset > 0;
  const carried = request.totalItems === 'exclude' ? {} : { totalItems };
  const first = page[0];
  const last = page.at(-1);
  const bodies = await loadBodiesInOrder(db, page.map((row) => row.entityId));
  return {
    bodies,
    totalItems,
    ...(hasNext && last ? { nextCursor: { ...listing, direction: 'next', position: positionOf(last), ...carried } } : {}),
    ...(hasPrev && first ? { prevCursor: { ...listing, direction: 'prev', position: positionOf(first), ...carried } } : {}),
  };
}

export function positionOf(row: EntityPageRow): EntityPosition {
  return { values: row.values, ref: row.entityRef };
}
