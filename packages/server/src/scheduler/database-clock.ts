import { sql, type RawBuilder } from 'kysely';
import type { DatabaseDialect } from '../plugin-api/index.js';

/**
 * The database's current time in epoch milliseconds, as an SQL expression. Leases compare times
 * written by different replicas, so they all read one clock: the database's. PostgreSQL's now()
 * is the start of the statement's transaction, SQLite's 'now' is fixed for one statement, so a
 * statement sees a single "now" wherever it uses this expression.
 */
export function databaseNow(dialect: DatabaseDialect): RawBuilder<number> {
  return dialect === 'pg'
    ? sql<number>`(extract(epoch from now()) * 1000)::bigint`
    : sql<number>`cast(round((julianday('now') - 2440587.5) * 86400000.0) as integer)`;
}
