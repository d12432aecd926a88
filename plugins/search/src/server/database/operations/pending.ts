import type { DatabaseDialect } from '@portico/server';
import { sql, type Kysely } from 'kysely';
import type { SearchTables } from '../tables.js';

const BATCH = 500;

/** Queues items for a refresh; an item already queued keeps its place. */
export async function queueItems(db: Kysely<SearchTables>, collatorId: string, itemKeys: readonly string[], now: number): Promise<void> {
  for (let start = 0; start < itemKeys.length; start += BATCH) {
    const keys = [...new Set(itemKeys.slice(start, start + BATCH))];
    await db
      .insertInto('search_pending')
      .values(keys.map((item_key) => ({ collator_id: collatorId, item_key, queued_at: now })))
      .onConflict((conflict) => conflict.columns(['collator_id', 'item_key']).doNothing())
      .execute();
  }
}

/**
 * Takes up to `limit` queued items off the queue, oldest first. On PostgreSQL replicas take
 * disjoint sets (SKIP LOCKED); an item queued again while being worked on is simply done again.
 */
export async function claimItems(db: Kysely<SearchTables>, dialect: DatabaseDialect, collatorId: string, limit: number): Promise<string[]> {
  const result =
    dialect === 'pg'
      ? await sql<{ item_key: string }>`
          DELETE FROM search_pending WHERE (collator_id, item_key) IN (
            SELECT collator_id, item_key FROM search_pending WHERE collator_id = ${collatorId}
            ORDER BY queued_at LIMIT ${limit} FOR UPDATE SKIP LOCKED)
          RETURNING item_key`.execute(db)
      : await sql<{ item_key: string }>`
          DELETE FROM search_pending WHERE rowid IN (
            SELECT rowid FROM search_pending WHERE collator_id = ${collatorId} ORDER BY queued_at LIMIT ${limit})
          RETURNING item_key`.execute(db);
  return result.rows.map((row) => row.item_key);
}

export async function countPending(db: Kysely<SearchTables>, collatorId: string): Promise<number> {
  const row = await db
    .selectFrom('search_pending')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('collator_id', '=', collatorId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
