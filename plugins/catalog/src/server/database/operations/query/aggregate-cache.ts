import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { CatalogTables } from '../../tables.js';

/**
 * Remembers counts and facets, the aggregates that grow with the catalog (a count of 50k
 * matches reads 50k index entries), for as long as the data they were computed from is
 * unchanged. "Unchanged" is read from the database itself, so it holds across replicas:
 *
 * - PostgreSQL: the current snapshot (`pg_current_snapshot()`): two equal snapshots see the same
 *   committed data (MVCC), and any commit or new write changes it;
 * - SQLite: `PRAGMA data_version` (commits by other connections) with `total_changes()` (rows
 *   written by this one).
 *
 * A result is kept only when the version read before computing equals the one read after, so it
 * belongs to exactly that version. Any write anywhere in the database starts over; a hit costs
 * one tiny query instead of the aggregate.
 */
interface Entry {
  version: string;
  value: unknown;
}

const MAX_ENTRIES = 500;
const caches = new WeakMap<object, Map<string, Entry>>();

export async function cachedAggregate<T>(db: Kysely<CatalogTables>, key: string, compute: () => Promise<T>): Promise<T> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const before = await dataVersion(db);
  const hit = cache.get(key);
  if (hit && hit.version === before) {
    // Refresh its place in the eviction order.
    cache.delete(key);
    cache.set(key, hit);
    return hit.value as T;
  }
  const value = await compute();
  const after = await dataVersion(db);
  if (after === before) {
    cache.delete(key);
    cache.set(key, { version: before, value });
    if (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  }
  return value;
}

async function dataVersion(db: Kysely<CatalogTables>): Promise<string> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const result = await sql<{ version: string }>`SELECT pg_current_snapshot()::text AS version`.execute(db);
    return result.rows[0]?.version ?? '';
  }
  const result = await sql<{ changes: number; version: number }>`SELECT total_changes() AS changes, (SELECT data_version FROM pragma_data_version) AS version`.execute(db);
  const row = result.rows[0];
  return `${row?.version}:${row?.changes}`;
}
