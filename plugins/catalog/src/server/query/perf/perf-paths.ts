import os from 'node:os';
import path from 'node:path';

/** The SQLite file the query measurements read (PERF_DB), seeded by seed.perf.ts. */
export const perfDatabaseFile = process.env.PERF_DB ?? path.join(os.tmpdir(), 'portico-query-perf', 'catalog.sqlite');

/** Set to measure PostgreSQL instead: a database URL the seed may fill (it drops the catalog tables first). */
export const perfPostgresUrl = process.env.PERF_PG_URL;

export function perfDatabaseConfig(): { client: 'sqlite'; connection: { filename: string } } | { client: 'pg'; connection: string } {
  return perfPostgresUrl ? { client: 'pg', connection: perfPostgresUrl } : { client: 'sqlite', connection: { filename: perfDatabaseFile } };
}
