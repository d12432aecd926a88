import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { it } from 'vitest';
import { connectDatabase, migratePlugin } from '@portico/server';
import { catalogMigrations } from '../../database/migrations/index.js';
import type { CatalogTables } from '../../database/tables.js';
import { perfDatabaseConfig, perfDatabaseFile, perfPostgresUrl } from './perf-paths.js';
import { seedGeneratedCatalog } from './seed-generated-catalog.js';

/**
 * Writes a generated catalog straight into a SQLite file for the query measurements:
 *
 *   node ../shared/peer-backstage/gen-catalog.mjs 100000 /tmp/cat-100000
 *   PERF_CATALOG=/tmp/cat-100000 npx vitest run -c plugins/catalog/src/server/query/perf/vitest.perf.config.ts seed.perf
 *   npx vitest run -c plugins/catalog/src/server/query/perf/vitest.perf.config.ts measure.perf
 */
const catalogDir = process.env.PERF_CATALOG ?? '';
if (!catalogDir) throw new Error('Set PERF_CATALOG to a folder made by gen-catalog.mjs');

it('seeds', async () => {
  if (perfPostgresUrl) {
    const wipe = connectDatabase(perfDatabaseConfig(), { baseDir: '/' });
    await sql`DROP SCHEMA public CASCADE; CREATE SCHEMA public`.execute(wipe.kysely);
    await wipe.close();
  } else {
    fs.mkdirSync(path.dirname(perfDatabaseFile), { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${perfDatabaseFile}${suffix}`, { force: true });
  }
  const connection = connectDatabase(perfDatabaseConfig(), { baseDir: '/' });
  await migratePlugin(connection, 'catalog', catalogMigrations);
  const started = Date.now();
  const count = await seedGeneratedCatalog(connection.kysely as unknown as Kysely<CatalogTables>, catalogDir);
  console.log(`seeded ${count} in ${Date.now() - started} ms`);
  if (perfPostgresUrl) await sql`ANALYZE`.execute(connection.kysely);
  await connection.close();
});
