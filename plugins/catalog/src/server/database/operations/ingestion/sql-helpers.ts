import { sql, type RawBuilder } from 'kysely';
import type { DatabaseDialect } from '@portico/server';

/**
 * Rows per multi-row statement. SQLite allows 32766 bound values per statement and PostgreSQL
 * 65535; a few thousand values per statement keeps both well inside and the statements short.
 */
export const MAX_VALUES_PER_STATEMENT = 6000;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let index = 0; index < items.length; index += size) out.push(items.slice(index, index + size));
  return out;
}

/** Splits rows so that each statement binds at most MAX_VALUES_PER_STATEMENT values. */
export function chunkRows<T>(rows: readonly T[], columns: number): T[][] {
  return chunk(rows, Math.max(1, Math.floor(MAX_VALUES_PER_STATEMENT / columns)));
}

/**
 * The database's clock in epoch milliseconds. Leases are compared across replicas, so they all
 * read one clock.
 */
export function databaseNow(dialect: DatabaseDialect): RawBuilder<number> {
  return dialect === 'pg'
    ? sql<number>`(extract(epoch from now()) * 1000)::bigint`
    : sql<number>`cast(round((julianday('now') - 2440587.5) * 86400000.0) as integer)`;
}

/** PostgreSQL deadlock or serialization failure: the transaction can simply run again. */
export function isRetryableTransactionError(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '40P01' || code === '40001';
}

/** Runs a transaction body again (a few times) when PostgreSQL aborts it for a deadlock. */
export async function withTransactionRetry<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isRetryableTransactionError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * attempt + Math.random() * 20));
    }
  }
}
