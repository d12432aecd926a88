import type { Kysely } from 'kysely';
import type { EntityFilter } from '../../../query/entity-filter.js';
import type { CatalogTables } from '../../tables.js';
import { selectAllEntityIds, selectEntityPage, type EntityOrder, type EntityPosition } from './entity-page.js';
import { loadBodiesInOrder } from './load-entities.js';
import { positionOf } from './query-entities.js';

export interface ListEntitiesRequest {
  filter?: EntityFilter;
  order?: readonly EntityOrder[];
  offset?: number;
  /** Absent: every match (read in batches, see streamEntities). */
  limit?: number;
  /** Continue after this position (from a previous page's `next`). */
  after?: EntityPosition;
}

export interface ListEntitiesResult {
  /** Final entities as JSON text, in order. */
  bodies: string[];
  /** Where the next page starts, when `limit` cut the list short. */
  next?: EntityPosition;
}

/** How many entities one query reads when a list has no limit. */
export const LIST_BATCH_SIZE = 500;

/** GET /entities with a limit: one page (default order: by ref). */
export async function listEntities(db: Kysely<CatalogTables>, request: ListEntitiesRequest & { limit: number }): Promise<ListEntitiesResult> {
  const rows = await selectEntityPage(db, {
    ...(request.filter ? { filter: request.filter } : {}),
    order: request.order ?? [],
    ...(request.after ? { after: request.after } : {}),
    offset: request.after ? 0 : (request.offset ?? 0),
    limit: request.limit + 1,
  });
  const more = rows.length > request.limit;
  const page = more ? rows.slice(0, request.limit) : rows;
  const bodies = await loadBodiesInOrder(db, page.map((row) => row.entityId));
  const last = page.at(-1);
  return { bodies, ...(more && last ? { next: positionOf(last) } : {}) };
}

/**
 * Every match, in order, a batch of bodies at a time: the ordered ids come from one query (ids
 * only, so 100k matches are a few MB), the bodies are read per batch, so memory stays flat.
 * `after` continues after a position (the list's order must be the same).
 */
export async function* streamEntities(
  db: Kysely<CatalogTables>,
  request: Omit<ListEntitiesRequest, 'limit'>,
  batchSize = LIST_BATCH_SIZE,
): AsyncGenerator<string[]> {
  if (request.after) {
    // A continuation: keyset pages from the position, as a limited list would.
    let after: EntityPosition | undefined = request.after;
    while (after) {
      const { bodies, next }: ListEntitiesResult = await listEntities(db, { ...request, after, limit: batchSize });
      if (bodies.length > 0) yield bodies;
      after = next;
    }
    return;
  }
  const rows = await selectAllEntityIds(db, {
    ...(request.filter ? { filter: request.filter } : {}),
    order: request.order ?? [],
    ...(request.offset ? { offset: request.offset } : {}),
  });
  for (let index = 0; index < rows.length; index += batchSize) {
    const bodies = await loadBodiesInOrder(db, rows.slice(index, index + batchSize).map((row) => row.entityId));
    if (bodies.length > 0) yield bodies;
  }
}
