import { NotFoundError } from '@portico/model';
import type { Kysely } from 'kysely';
import type { CatalogTables } from '../../tables.js';

export interface EntityHistoryChange {
  op: string;
  path: string;
  from?: unknown;
  to?: unknown;
}

export interface EntityHistoryItem {
  id: string;
  entityRef: string;
  change: 'added' | 'changed' | 'removed';
  /** The location or provider that caused the change. */
  source: string | null;
  changedAt: string;
  etag: string | null;
  diff: EntityHistoryChange[];
}

/** Every recorded change of an entity's final body, newest first. */
export async function getEntityHistory(
  db: Kysely<CatalogTables>,
  entityRef: string,
  page: { limit: number; offset: number },
): Promise<{ items: EntityHistoryItem[]; totalItems: number }> {
  const ref = entityRef.toLowerCase();
  const rows = await db
    .selectFrom('catalog_history')
    .selectAll()
    .where('entity_ref', '=', ref)
    .orderBy('changed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const total = await db
    .selectFrom('catalog_history')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('entity_ref', '=', ref)
    .executeTakeFirstOrThrow();
  if (Number(total.count) === 0) throw new NotFoundError(`No history for ${entityRef}`);
  return {
    totalItems: Number(total.count),
    items: rows.map((row) => ({
      id: row.id,
      entityRef: row.entity_ref,
      change: row.change,
      source: row.source_key,
      changedAt: new Date(Number(row.changed_at)).toISOString(),
      etag: row.etag,
      diff: JSON.parse(row.diff) as EntityHistoryChange[],
    })),
  };
}
