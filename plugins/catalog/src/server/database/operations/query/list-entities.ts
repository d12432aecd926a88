import type { Entity } from '@portico/model';
import type { Kysely } from 'kysely';
import type { EntityFilter } from '../../../query/entity-filter.js';
import type { CatalogTables } from '../../tables.js';
import { selectEntityPage, type EntityOrder, type EntityPosition } from './entity-page.js';
import { loadEntitiesInOrder } from './load-entities.js';
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
  entities: Entity[];
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
  const entities = await loadEntitiesInOrder(db, page.map((row) => row.entityId));
  const last = page.at(-1);
  return { entities, ...(more && last ? { next: positionOf(last) } : {}) };
}

/**
 * Every match, a batch at a time (keyset, so memory stays flat at 100k entities and each
 * batch costs the same). An offset skips that many first.
 */
export async function* streamEntities(
  db: Kysely<CatalogTables>,
  request: Omit<ListEntitiesRequest, 'limit'>,
  batchSize = LIST_BATCH_SIZE,
): AsyncGenerator<Entity[]> {
  let after = request.after;
  let offset = request.after ? 0 : (request.offset ?? 0);
  for (;;) {
    const { entities, next } = await listEntities(db, { ...request, ...(after ? { after } : {}), offset, limit: batchSize });
    if (entities.length > 0) yield entities;
    if (!next) return;
    after = next;
    offset = 0;
  }
}
