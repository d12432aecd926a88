import { sql, type RawBuilder } from 'kysely';
import type { DatabaseDialect } from '@portico/server';

/**
 * The database's time in epoch milliseconds, as SQL. Leases are compared across replicas, so
 * every replica reads the one clock they share.
 */
export function databaseNow(dialect: DatabaseDialect): RawBuilder<number> {
  return dialect === 'pg'
    ? sql<number>`(extract(epoch from clock_timestamp()) * 1000)::bigint`
    : sql<number>`cast(round((julianday('now') - 2440587.5) * 86400000.0) as integer)`;
}

/** bigint columns come back as strings from pg. */
export function toMillis(value: number | string | null | undefined): number | undefined {
  return value === null || value === undefined ? undefined : Number(value);
}
