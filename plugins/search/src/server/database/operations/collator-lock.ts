import type { DatabaseDialect } from '@portico/server';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { SearchTables } from '../tables.js';

/**
 * Runs `fn` in a transaction that no other writer of the same collator's documents runs beside:
 * a full build's batches and incremental refreshes take turns, so a build never writes what it
 * read before a newer refresh. PostgreSQL: a transaction-scoped advisory lock on the collator
 * id (replicas included). SQLite: one connection runs one transaction at a time anyway.
 */
export async function withCollatorLock<T>(
  db: Kysely<SearchTables>,
  dialect: DatabaseDialect,
  collatorId: string,
  fn: (trx: Transaction<SearchTables>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    if (dialect === 'pg') await sql`SELECT pg_advisory_xact_lock(hashtext(${`portico.search.${collatorId}`}))`.execute(trx);
    return fn(trx);
  });
}
