import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { DatabaseDialect } from '@portico/server';
import type { LocationSpec } from '../../../service/ingestion-api.js';
import type { CatalogTables } from '../../tables.js';
import { databaseNow } from './sql-helpers.js';

export type LocationRow = Selectable<CatalogTables['catalog_locations']>;

/** `<type>:<target>`: how entities name the location they originate from. */
export function locationKey(spec: LocationSpec): string {
  return `${spec.type}:${spec.target}`;
}

/**
 * Claims up to `limit` due locations for this replica: one statement that takes only rows whose
 * lease is free or expired (checked again on the row itself, so two replicas never both win a
 * row; PostgreSQL also skips rows another replica is claiming).
 */
export async function claimDueLocations(
  db: Kysely<CatalogTables>,
  options: { dialect: DatabaseDialect; replicaId: string; leaseMs: number; limit: number },
): Promise<LocationRow[]> {
  const now = databaseNow(options.dialect);
  return db
    .updateTable('catalog_locations')
    .set((eb) => ({ lease_owner: options.replicaId, lease_expires_at: eb(now, '+', options.leaseMs) }))
    .where((eb) =>
      eb.and([
        eb('id', 'in', (() => {
          let due = eb
            .selectFrom('catalog_locations as due')
            .select('due.id')
            .where('due.next_refresh_at', '<=', now)
            .where((inner) => inner.or([inner('due.lease_owner', 'is', null), inner('due.lease_expires_at', '<', now)]))
            .orderBy('due.next_refresh_at')
            .limit(options.limit);
          if (options.dialect === 'pg') due = due.forUpdate().skipLocked();
          return due;
        })()),
        eb.or([eb('lease_owner', 'is', null), eb('lease_expires_at', '<', now)]),
      ]),
    )
    .returningAll()
    .execute();
}

/** Keeps this replica's lease while a long refresh runs; false when the lease was lost. */
export async function renewLease(db: Kysely<CatalogTables>, options: { dialect: DatabaseDialect; id: string; replicaId: string; leaseMs: number }): Promise<boolean> {
  const result = await db
    .updateTable('catalog_locations')
    .set((eb) => ({ lease_expires_at: eb(databaseNow(options.dialect), '+', options.leaseMs) }))
    .where('id', '=', options.id)
    .where('lease_owner', '=', options.replicaId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records the outcome of a refresh, plans the next one and frees the lease. */
export async function finishLocationRefresh(
  db: Kysely<CatalogTables>,
  options: { dialect: DatabaseDialect; id: string; replicaId: string; lastError: string | null; contentHash: string | null; nextInMs: number; now: number },
): Promise<void> {
  await db
    .updateTable('catalog_locations')
    .set((eb) => ({
      last_error: options.lastError,
      content_hash: options.contentHash,
      last_refreshed_at: options.now,
      next_refresh_at: eb(databaseNow(options.dialect), '+', options.nextInMs),
      lease_owner: null,
      lease_expires_at: null,
    }))
    .where('id', '=', options.id)
    .where('lease_owner', '=', options.replicaId)
    .execute();
}

export async function insertLocation(
  db: Kysely<CatalogTables>,
  spec: LocationSpec & { source: 'api' | 'config' },
  options: { now: number; leaseOwner?: string; leaseMs?: number; nextRefreshAt: number },
): Promise<LocationRow> {
  const row: LocationRow = {
    id: randomUUID(),
    type: spec.type,
    target: spec.target,
    source: spec.source,
    created_at: options.now,
    next_refresh_at: options.nextRefreshAt,
    lease_owner: options.leaseOwner ?? null,
    lease_expires_at: options.leaseOwner ? options.now + (options.leaseMs ?? 0) : null,
    content_hash: null,
    last_error: null,
    last_refreshed_at: null,
  };
  await db.insertInto('catalog_locations').values(row).execute();
  return row;
}

export async function findLocationBySpec(db: Kysely<CatalogTables>, spec: LocationSpec): Promise<LocationRow | undefined> {
  return db.selectFrom('catalog_locations').selectAll().where('type', '=', spec.type).where('target', '=', spec.target).executeTakeFirst();
}

export async function findLocationById(db: Kysely<CatalogTables>, id: string): Promise<LocationRow | undefined> {
  return db.selectFrom('catalog_locations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Asks for a refresh as soon as a replica is free. */
export async function markLocationsDue(db: Kysely<CatalogTables>, ids?: readonly string[]): Promise<void> {
  let query = db.updateTable('catalog_locations').set({ next_refresh_at: 0 });
  if (ids) {
    if (ids.length === 0) return;
    query = query.where('id', 'in', ids);
  }
  await query.execute();
}
