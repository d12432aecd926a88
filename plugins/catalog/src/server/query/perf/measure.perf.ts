import { it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { connectDatabase } from '@portico/server';
import type { CatalogTables } from '../../database/tables.js';
import { perfDatabaseConfig } from './perf-paths.js';
import { getEntityFacets } from '../../database/operations/query/entity-facets.js';
import { getEntitiesByRefs, getEntityByRef } from '../../database/operations/query/get-entities.js';
import { queryEntities } from '../../database/operations/query/query-entities.js';
import { compileFilterAsIdSet } from '../../database/operations/query/compile-filter.js';
import { allOf } from '../entity-filter.js';
import { fullTextCondition } from '../full-text.js';
import { parseFilterParams } from '../parse-filter-params.js';

/**
 * Query latencies on the catalog seed.perf.ts wrote (PERF_DB), for the operations and over HTTP
 * (without compression, like the bench harness). Not a test: run by hand, see seed.perf.ts.
 * Counts and facets are cached while the data is unchanged, so after the first run of a query
 * its p50 shows the cached cost; the first run's cost is the cold one.
 */
async function measure(name: string, runs: number, fn: () => Promise<unknown>): Promise<void> {
  for (let index = 0; index < 5; index++) await fn();
  const times: number[] = [];
  for (let index = 0; index < runs; index++) {
    const started = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  const pick = (p: number) => times[Math.min(times.length - 1, Math.floor((times.length * p) / 100))]!.toFixed(2);
  console.log(`${name.padEnd(58)} p50 ${pick(50).padStart(8)} ms   p95 ${pick(95).padStart(8)} ms`);
}

/** PERF_SQLITE_PRAGMAS="cache_size = -65536; mmap_size = 268435456" tries connection settings. */
async function applyPragmas(db: Kysely<Record<string, never>>): Promise<void> {
  for (const pragma of (process.env.PERF_SQLITE_PRAGMAS ?? '').split(';').map((item) => item.trim()).filter(Boolean)) {
    await sql.raw(`PRAGMA ${pragma}`).execute(db);
  }
}

it('measures', async () => {
  const connection = connectDatabase(perfDatabaseConfig(), { baseDir: '/' });
  const db = connection.kysely as unknown as Kysely<CatalogTables>;
  await applyPragmas(connection.kysely);
  const runs = Number(process.env.PERF_RUNS ?? 50);
  const refs = (await db.selectFrom('catalog_entities').select('entity_ref').orderBy('entity_id').limit(100).execute()).map((row) => row.entity_ref);
  const byName = [{ field: 'metadata.name', order: 'asc' as const }];

  await measure('by-name', runs * 10, () => getEntityByRef(db, 'component:default/invoice-web-036450'));
  await measure('by-refs of 100', runs, () => getEntitiesByRefs(db, refs));
  const production = parseFilterParams('kind=component,spec.lifecycle=production');
  await measure('page 50 kind=component,lifecycle=production by name + total', runs, () =>
    queryEntities(db, { listing: { filter: production, order: byName }, limit: 50 }),
  );
  await measure('page 50 kind=component,lifecycle=production by name, no total', runs, () =>
    queryEntities(db, { listing: { filter: production, order: byName }, limit: 50, totalItems: 'exclude' }),
  );
  const services = parseFilterParams('kind=component,spec.type=service');
  await measure('page 50 kind=component,spec.type=service (bench) + total', runs, () =>
    queryEntities(db, { listing: { filter: services, order: [] }, limit: 50 }),
  );
  await measure('page 50 kind=component,spec.type=service, no total', runs, () =>
    queryEntities(db, { listing: { filter: services, order: [] }, limit: 50, totalItems: 'exclude' }),
  );
  const first = await queryEntities(db, { listing: { filter: production, order: byName }, limit: 50 });
  await measure('next page by cursor (by name)', runs, () => queryEntities(db, { listing: { order: [] }, cursor: first.nextCursor!, limit: 50 }));
  const text = allOf(parseFilterParams('kind=component'), fullTextCondition('billing', ['metadata.name', 'metadata.title'], []));
  await measure('full text "billing" kind=component + total (bench)', runs, () => queryEntities(db, { listing: { filter: text, order: [] }, limit: 50 }));
  // The same aggregates without the cache: what the first request after a change pays.
  const coldCount = (filter: ReturnType<typeof parseFilterParams>) => () =>
    sql`SELECT COUNT(*) AS count FROM (${compileFilterAsIdSet(filter!)}) matches`.execute(db);
  await measure('cold count kind=component,spec.type=service', Math.max(3, runs / 5), coldCount(services));
  await measure('cold count kind=component,spec.lifecycle=production', Math.max(3, runs / 5), coldCount(production));
  await measure('cold count full text billing, kind=component', Math.max(3, runs / 5), coldCount(text));
  await measure('cold facets kind, spec.type, spec.lifecycle', Math.max(3, runs / 5), () =>
    sql`SELECT s.key, s.original_value, COUNT(*) FROM catalog_search s WHERE s.key IN ('kind', 'spec.type', 'spec.lifecycle') AND s.value IS NOT NULL GROUP BY s.key, s.value, s.original_value`.execute(db),
  );
  await measure('facets kind, spec.type, spec.lifecycle', runs, () => getEntityFacets(db, ['kind', 'spec.type', 'spec.lifecycle']));
  await measure('facets spec.type (bench)', runs, () => getEntityFacets(db, ['spec.type']));
  await measure('facets spec.type filtered kind=component', runs, () => getEntityFacets(db, ['spec.type'], parseFilterParams('kind=component')));
  await connection.close();
});

it('measures over HTTP', async () => {
  const { startTestKernel } = await import('@portico/server/testing');
  const { catalogRouterPlugin, createFileIngestion } = await import('../../router/test-fixtures/test-catalog.js');
  const config = perfDatabaseConfig();
  const connection = connectDatabase(config, { baseDir: '/' });
  await applyPragmas(connection.kysely);
  const server = await startTestKernel({ dialect: config.client, plugins: [catalogRouterPlugin(createFileIngestion)], database: { ...connection, config } });
  const api = `${server.url}/api/catalog`;
  const runs = Number(process.env.PERF_RUNS ?? 50);
  const get = async (path: string) => {
    // Like the bench harness (http.get): no compression asked for.
    const response = await fetch(`${api}${path}`, { headers: { 'accept-encoding': 'identity' } });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return response.text();
  };
  const refs = (await (connection.kysely as unknown as Kysely<CatalogTables>).selectFrom('catalog_entities').select('entity_ref').orderBy('entity_id').limit(100).execute()).map((row) => row.entity_ref);
  await measure('HTTP by-name', runs * 4, () => get('/entities/by-name/component/default/invoice-web-036450'));
  await measure('HTTP by-query kind=component,spec.type=service limit 50 (bench)', runs, () => get('/entities/by-query?filter=kind=component,spec.type=service&limit=50'));
  await measure('HTTP by-query kind=component,lifecycle=production by name, 50', runs, () =>
    get('/entities/by-query?filter=kind=component,spec.lifecycle=production&orderField=metadata.name,asc&limit=50'),
  );
  await measure('HTTP full text billing kind=component limit 50 (bench)', runs, () =>
    get('/entities/by-query?filter=kind=component&fullTextFilterTerm=billing&fullTextFilterFields=metadata.name,metadata.title&limit=50'),
  );
  await measure('HTTP facets spec.type (bench)', runs, () => get('/entity-facets?facet=spec.type'));
  await measure('HTTP facets kind, spec.type, spec.lifecycle', runs, () => get('/entity-facets?facet=kind&facet=spec.type&facet=spec.lifecycle'));
  await measure('HTTP by-refs of 100', runs, async () => {
    const response = await fetch(`${api}/entities/by-refs`, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'identity' }, body: JSON.stringify({ entityRefs: refs }) });
    return response.text();
  });
  await measure('HTTP list tag java, all 9k+ entities (bench)', Math.max(3, runs / 10), () => get('/entities?filter=metadata.tags=java'));
  await server.stop();
  await connection.close();
});
