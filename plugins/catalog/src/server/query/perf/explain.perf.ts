import { it } from 'vitest';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import type { CatalogTables } from '../../database/tables.js';
import { perfDatabaseFile } from './perf-paths.js';
import { selectEntityPage } from '../../database/operations/query/entity-page.js';
import { allOf } from '../entity-filter.js';
import { fullTextCondition } from '../full-text.js';
import { parseFilterParams } from '../parse-filter-params.js';

/** Prints each SQL statement the operations run, its plan and its time (debugging aid). */
it('explains', async () => {
  const sqlite = new Database(perfDatabaseFile);
  const log: CompiledQuery[] = [];
  const db = new Kysely<CatalogTables>({ dialect: new SqliteDialect({ database: sqlite }), log: (event) => { if (event.level === 'query') log.push(event.query); } });
  const show = async (name: string, fn: () => Promise<unknown>) => {
    await fn();
    log.length = 0;
    const started = performance.now();
    await fn();
    console.log(`\n== ${name}: ${(performance.now() - started).toFixed(1)} ms`);
    for (const query of log) {
      const t = performance.now();
      sqlite.prepare(query.sql).all(...(query.parameters as unknown[]));
      console.log(`  [${(performance.now() - t).toFixed(1)} ms] ${query.sql.replace(/\s+/g, ' ').slice(0, 400)}`);
      for (const step of sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.parameters as unknown[])) as Array<{ detail: string }>) console.log(`      ${step.detail}`);
    }
  };
  const production = parseFilterParams('kind=component,spec.lifecycle=production');
  await show('page by name', () => selectEntityPage(db, { filter: production, order: [{ field: 'metadata.name', order: 'asc' }], limit: 51 }));
  const text = allOf(parseFilterParams('kind=component'), fullTextCondition('billing', ['metadata.name', 'metadata.title'], []));
  await show('full text page', () => selectEntityPage(db, { filter: text, order: [], limit: 51 }));
  await db.destroy();
});
