/**
 * Times a full ingestion (read, process, store, stitch) of a catalog made by
 * ../shared/peer-backstage/gen-catalog.mjs, on SQLite (or PostgreSQL with PORTICO_TEST_DATABASES=pg):
 *
 *   node ../shared/peer-backstage/gen-catalog.mjs 10000 /tmp/cat-10000
 *   PORTICO_BENCH_CATALOG=/tmp/cat-10000 npx vitest run -c plugins/catalog/src/server/query/perf/vitest.perf.config.ts ingestion/perf
 *
 * PORTICO_BENCH_SQL=1 adds a per-statement time table (SQLite), PORTICO_BENCH_PRAGMAS sets SQLite
 * pragmas on that connection (`cache_size = -65536;...`), PORTICO_BENCH_BATCH the batch size.
 *
 * Prints entities per second, the phases and peak RSS, and checks the expected counts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createTestDatabase, testDatabaseIds } from '@portico/server/testing';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql, type LogEvent } from 'kysely';
import { expect, it } from 'vitest';
import type { CatalogTables } from '../../database/tables.js';
import { createHarness } from '../test-fixtures/harness.js';

const catalogDir = process.env.PORTICO_BENCH_CATALOG ?? '';
if (!catalogDir) throw new Error('Set PORTICO_BENCH_CATALOG to a folder made by gen-catalog.mjs');

it(`ingests ${catalogDir}`, async () => {
  const expected = JSON.parse(fs.readFileSync(path.join(catalogDir, 'expected.json'), 'utf8')) as { n: number; locationEntities: number; checks: Array<{ filter: string; expected: number }> };
  const dialect = testDatabaseIds()[0] ?? 'sqlite';
  const timings = new Map<string, { count: number; ms: number }>();
  const log = (event: LogEvent) => {
    const key = event.query.sql.replace(/\s+/g, ' ').slice(0, 60);
    const entry = timings.get(key) ?? { count: 0, ms: 0 };
    entry.count++;
    entry.ms += event.queryDurationMillis;
    timings.set(key, entry);
  };
  const profileSql = process.env.PORTICO_BENCH_SQL === '1' && dialect === 'sqlite';
  const database = await createTestDatabase(dialect);
  const harness = await createHarness(dialect, {
    database,
    extra: {
      ...(profileSql ? { db: sqliteWithLog((database.config.connection as { filename: string }).filename, log) } : {}),
      ...(process.env.PORTICO_BENCH_BATCH ? { batchSize: Number(process.env.PORTICO_BENCH_BATCH) } : {}),
    },
    catalog: {
      rules: [{ allow: ['Component', 'API', 'Resource', 'System', 'Domain', 'Group', 'User', 'Location', 'Template'] }],
      locations: [{ type: 'file', target: path.join(catalogDir, 'catalog-info.yaml') }],
      processingInterval: { hours: 24 },
    },
  });
  if (process.env.PORTICO_BENCH_SEARCH_INDEXES === 'narrow') {
    // What the search table's write cost would be with 0001's narrow indexes instead of 0003's covering ones.
    await sql`drop index if exists catalog_search_key_value_original_entity_idx`.execute(harness.db);
    await sql`drop index if exists catalog_search_entity_key_value_idx`.execute(harness.db);
    await sql`create index if not exists catalog_search_key_value_idx on catalog_search (key, value)`.execute(harness.db);
    await sql`create index if not exists catalog_search_entity_idx on catalog_search (entity_id)`.execute(harness.db);
  }
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  try {
    await harness.ingestion.start();
    await harness.ingestion.stop();
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    await harness.ingestion.refreshAllNow();
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    console.log(`${dialect}: CPU ${(cpu.user / 1e6).toFixed(1)} s user + ${(cpu.system / 1e6).toFixed(1)} s system`);
    for (const table of ['catalog_entities', 'catalog_relations', 'catalog_search', 'catalog_history'] as const) {
      const rows = await harness.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst();
      console.log(`${dialect}: ${table} ${rows?.count} rows`);
    }
    const total = expected.n + expected.locationEntities;
    const [{ count }] = (await harness.db.selectFrom('catalog_entities').select((eb) => eb.fn.countAll<number>().as('count')).execute()) as [{ count: number }];
    const unstitched = await harness.db.selectFrom('catalog_stitch_queue').select('entity_ref').execute();
    const location = await harness.db.selectFrom('catalog_locations').select('last_error').executeTakeFirst();
    console.log(
      `${dialect}: ${Number(count)} entities in ${seconds.toFixed(1)} s = ${Math.round(Number(count) / seconds)} entities/s, peak RSS ${Math.round(peakRss / 1024 / 1024)} MB`,
    );
    const again = performance.now();
    await harness.ingestion.refreshAllNow();
    console.log(`${dialect}: unchanged refresh in ${((performance.now() - again) / 1000).toFixed(2)} s`);
    expect(location?.last_error ?? null).toBeNull();
    expect(Number(count)).toBe(total);
    expect(unstitched).toHaveLength(0);
    const owned = await harness.db
      .selectFrom('catalog_search')
      .select((eb) => eb.fn.count<number>('entity_id').distinct().as('count'))
      .where('key', '=', 'relations.ownerof')
      .executeTakeFirst();
    console.log(`${dialect}: entities with relations.ownerof: ${owned?.count}`);
    if (dialect === 'sqlite') {
      try {
        const sizes = await sql<{ name: string; bytes: number }>`select name, sum(pgsize) as bytes from dbstat group by name order by bytes desc`.execute(harness.db);
        for (const row of sizes.rows.slice(0, 12)) console.log(`${dialect}: ${row.name} ${Math.round(row.bytes / 1024 / 1024)} MB`);
      } catch (error) {
        console.log(`no dbstat: ${(error as Error).message}`);
      }
    }
    for (const [statement, entry] of [...timings].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) {
      console.log(`${entry.ms.toFixed(0).padStart(7)} ms ${String(entry.count).padStart(7)}× ${statement}`);
    }
  } finally {
    clearInterval(sampler);
    await harness.close();
    await database.close();
  }
});

/** The harness's SQLite file opened a second time with a query log, to see where time goes. */
function sqliteWithLog(file: string, log: (event: LogEvent) => void): Kysely<CatalogTables> {
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  database.pragma('busy_timeout = 5000');
  for (const pragma of (process.env.PORTICO_BENCH_PRAGMAS ?? '').split(';').filter(Boolean)) database.pragma(pragma);
  return new Kysely<CatalogTables>({ dialect: new SqliteDialect({ database }), log });
}
