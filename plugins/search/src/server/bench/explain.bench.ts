import { it } from 'vitest';
import pg from 'pg';
import pino from 'pino';
import { Kysely, PostgresDialect, SqliteDialect, type CompiledQuery } from 'kysely';
import SQLite from 'better-sqlite3';
import { migratePlugin } from '@portico/server';
import { searchMigrations } from '../database/migrations/index.js';
import type { SearchTables } from '../database/tables.js';
import { createSearchEngine } from '../engine/create-engine.js';
import { createIndexWriter } from '../indexer/index-writer.js';
import { createSearchService } from '../service/search-service.js';
import { catalogDocuments, docsSections, random, vocabulary } from './generate-documents.js';

const dialect = (process.env.X_DIALECT ?? 'pg') as 'pg' | 'sqlite';
it('explains', async () => {
  const captured: CompiledQuery[] = [];
  let capture = false;
  let db: Kysely<SearchTables>;
  let pool: pg.Pool | undefined;
  let sqlite: SQLite.Database | undefined;
  if (dialect === 'pg') {
    const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
    await admin.connect();
    const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname='search_explain'`)).rowCount;
    if (!exists) await admin.query('CREATE DATABASE search_explain');
    await admin.end();
    pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:5432/search_explain' });
    db = new Kysely<SearchTables>({ dialect: new PostgresDialect({ pool }), log: (e) => { if (capture && e.level === 'query') captured.push(e.query); } });
  } else {
    sqlite = new SQLite('/tmp/search-explain/x.sqlite');
    sqlite.pragma('journal_mode = WAL');
    db = new Kysely<SearchTables>({ dialect: new SqliteDialect({ database: sqlite }), log: (e) => { if (capture && e.level === 'query') captured.push(e.query); } });
  }
  const conn = { dialect, description: '', kysely: db as never, pgPool: pool, close: async () => {} };
  await migratePlugin(conn, 'search', searchMigrations);
  const logger = pino({ level: 'silent' });
  const engine = await createSearchEngine({ db, dialect, logger, fuzzy: true, fuzzyThreshold: 0.35 });
  const writer = createIndexWriter({ db, dialect, logger });
  await writer.ensureCollator('catalog'); await writer.ensureCollator('docs');
  const count = Number((await db.selectFrom('search_documents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const next = random(42); const vocab = vocabulary(next);
  const catalog = catalogDocuments(100_000, vocab, next);
  const docs = docsSections(20_000, vocab, next, Date.UTC(2026, 0, 15));
  if (count === 0) {
    for (const [id, list] of [['catalog', catalog], ['docs', docs]] as const) {
      const b = await writer.startBuild(id);
      for (let s = 0; s < list.length; s += 500) await b.append(list.slice(s, s + 500));
      await b.commit();
    }
    if (dialect === 'pg') await pool!.query('ANALYZE');
  }
  const service = createSearchService({ engine, limits: { maxTermLength: 100, defaultPageLimit: 25 }, collatorIds: () => ['catalog', 'docs'], reindex: async () => [], status: async () => ({ engine: engine.kind, fuzzyMatching: true, collators: [] }) });
  const terms = (process.env.X_TERMS ?? `${catalog[5]!.name}|${vocab.words[3]}|${vocab.words[2000]}`).split('|');
  for (const term of terms) {
    for (let i = 0; i < 3; i++) await service.query({ term, ...(process.env.X_KIND ? { filters: { kind: process.env.X_KIND } } : {}) });
    captured.length = 0; capture = true;
    const t = performance.now();
    const r = await service.query({ term, ...(process.env.X_KIND ? { filters: { kind: process.env.X_KIND } } : {}), ...(process.env.X_TYPES ? { types: [process.env.X_TYPES] } : {}) });
    const ms = performance.now() - t;
    capture = false;
    console.log(`\n===== ${term}: ${ms.toFixed(1)} ms, ${r.numberOfResults} results`);
    for (const q of captured.filter((item) => /^\s*(select|with)/i.test(item.sql))) {
      if (dialect === 'pg') {
        const plan = await pool!.query(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.parameters as unknown[]);
        console.log(q.sql.replace(/\s+/g, ' ').slice(0, 300));
        console.log(plan.rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n'));
      } else {
        const s = performance.now();
        sqlite!.prepare(q.sql).all(...(q.parameters as unknown[]));
        console.log(`${(performance.now() - s).toFixed(2)} ms:`, q.sql.replace(/\s+/g, ' ').slice(0, 400));
        console.log(sqlite!.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[])).map((row) => JSON.stringify(row)).join('\n'));
      }
    }
  }
  await db.destroy();
});
