import { sql, type Kysely } from 'kysely';
import type { CatalogTables } from '../../tables.js';

export interface EntityHistoryChange {
  op: string;
  path: string;
  from?: unknown;
  to?: unknown;
}

export interface EntityHistoryEntry {
  id: string;
  entityRef: string;
  entityUid: string;
  change: 'added' | 'changed' | 'removed';
  /** The file, URL or provider that caused the change (`location:file:/x.yaml`, `provider:github`). */
  source: string | null;
  /** ISO 8601. */
  changedAt: string;
  etag: string | null;
  /** What changed from the previous final body. */
  diff: EntityHistoryChange[];
}

/** Where the previous page ended: the last entry's time and id. */
export interface HistoryPosition {
  changedAt: number;
  id: string;
}

export interface EntityHistoryPage {
  items: EntityHistoryEntry[];
  totalItems: number;
  /** Set when older entries remain. */
  next?: HistoryPosition;
}

/**
 * Every recorded change of an entity's final body, newest first, a page at a time (keyset on
 * time and id, so a page is as cheap at the end of a long history as at the start). The
 * history outlives the entity: a removed entity's changes can still be read.
 */
export async function getEntityHistory(
  db: Kysely<CatalogTables>,
  entityRef: string,
  page: { limit: number; after?: HistoryPosition; offset?: number },
): Promise<EntityHistoryPage> {
  let query = db
    .selectFrom('catalog_history')
    .selectAll()
    .where('entity_ref', '=', entityRef)
    .orderBy('changed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1);
  if (page.offset && !page.after) query = query.offset(page.offset);
  const after = page.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([eb('changed_at', '<', after.changedAt), eb.and([eb('changed_at', '=', after.changedAt), eb('id', '<', after.id)])]),
    );
  }
  const [rows, total] = await Promise.all([
    query.execute(),
    sql<{ count: number | string }>`SELECT COUNT(*) AS count FROM catalog_history WHERE entity_ref = ${entityRef}`.execute(db),
  ]);
  const more = rows.length > page.limit;
  const pageRows = more ? rows.slice(0, page.limit) : rows;
  const last = pageRows.at(-1);
  return {
    items: pageRows.map((row) => ({
      id: row.id,
      entityRef: row.entity_ref,
      entityUid: row.entity_id,
      change: row.change,
      source: row.source_key,
      changedAt: new Date(Number(row.changed_at)).toISOString(),
      etag: row.etag,
      diff: JSON.parse(row.diff) as EntityHistoryChange[],
    })),
    totalItems: Number(total.rows[0]?.count ?? 0),
    ...(more && last ? { next: { changedAt: Number(last.changed_at), id: last.id } } : {}),
  };
}
