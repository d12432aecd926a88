/**
 * Search benchmark: 100k catalog documents + 20k docs sections on SQLite and PostgreSQL.
 * Measures the full index build, query latency (the whole query service: parsing, ranking,
 * counting, highlights) by kind of query, facets, and how long a changed item takes to become
 * searchable. Not part of `npm test`; run from the repository root:
 *
 *   npx vitest run -c plugins/search/src/server/bench/vitest.bench.config.ts
 *
 * Environment: PORTICO_BENCH_DATABASES (default `sqlite,pg`), PORTICO_BENCH_CATALOG (100000),
 * PORTICO_BENCH_DOCS (20000), PORTICO_BENCH_OUT (write the numbers as JSON to this file).
 */
import fs from 'node:fs';
import { sql } from 'kysely';
import pino from 'pino';
import { it } from 'vitest';
import type { DatabaseDialect } from '@portico/server';
import type { SearchDocumentInput } from '../extension-points.js';
import { IncrementalIndexer } from '../indexer/incremental-indexer.js';
import type { SearchCallerOptions } from '../service/search-service.js';
import { createSearchHarness, type SearchHarness } from '../test-fixtures/search-harness.js';
import type { SearchQuery } from '../../common/index.js';
import { catalogDocuments, docsSections, random, vocabulary } from './generate-documents.js';

const CATALOG = Number(process.env.PORTICO_BENCH_CATALOG ?? 100_000);
const DOCS = Number(process.env.PORTICO_BENCH_DOCS ?? 20_000);
const DATABASES = (process.env.PORTICO_BENCH_DATABASES ?? 'sqlite,pg').split(',').map((id) => id.trim()) as DatabaseDialect[];
const NOW = Date.UTC(2026, 0, 15);
const BATCH = 500;

interface NamedQuery {
  group: string;
  query: SearchQuery;
  caller?: SearchCallerOptions;
}

function buildQueries(catalog: SearchDocumentInput[], words: string[], next: () => number): NamedQuery[] {
  const any = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
  const queries: NamedQuery[] = [];
  const add = (group: string, count: number, make: () => Omit<NamedQuery, 'group'>) => {
    for (let index = 0; index < count; index++) queries.push({ group, ...make() });
  };
  add('exact name', 40, () => ({ query: { term: any(catalog).name! } }));
  add('common word', 40, () => ({ query: { term: words[Math.floor(next() * 30)]! } }));
  add('rare word', 30, () => ({ query: { term: words[1000 + Math.floor(next() * 3000)]! } }));
  add('two words', 30, () => ({ query: { term: `${words[Math.floor(next() * 100)]} ${words[100 + Math.floor(next() * 900)]}` } }));
  add('prefix', 20, () => ({ query: { term: any(words.slice(0, 2000)).slice(0, 3 + Math.floor(next() * 2)) } }));
  add('phrase', 10, () => {
    const text = any(catalog).text.split(' ');
    const at = Math.floor(next() * (text.length - 1));
    return { query: { term: `"${text[at]} ${text[at + 1]}"` } };
  });
  add('filtered', 20, () => ({ query: { term: words[Math.floor(next() * 200)]!, filters: { kind: 'Component', lifecycle: 'production' } } }));
  add('pre-filtered', 10, () => ({
    query: { term: words[Math.floor(next() * 200)]! },
    caller: { preFilter: { field: 'owner', values: Array.from({ length: 20 }, () => `team-${Math.floor(next() * 200)}`) }, ownershipRefs: ['group:default/team-7'] },
  }));
  add('typo', 10, () => {
    const word = any(catalog).name!.split('-')[1]!;
    const drop = 1 + Math.floor(next() * (word.length - 2));
    return { query: { term: word.slice(0, drop) + word.slice(drop + 1) } };
  });
  add('browse', 10, () => ({ query: { term: '', types: ['software-catalog'], filters: { kind: 'API' } } }));
  return queries;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function summarise(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return { n: sorted.length, p50: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), max: round(sorted[sorted.length - 1] ?? 0) };
}

async function build(harness: SearchHarness, collatorId: string, documents: SearchDocumentInput[]): Promise<number> {
  const started = performance.now();
  const generation = await harness.writer.startBuild(collatorId);
  for (let start = 0; start < documents.length; start += BATCH) await generation.append(documents.slice(start, start + BATCH));
  await generation.commit();
  return performance.now() - started;
}

async function indexSize(harness: SearchHarness, dialect: DatabaseDialect): Promise<number> {
  if (dialect === 'sqlite') {
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(harness.db);
    const file = (harness.database.config.connection as { filename: string }).filename;
    return fs.statSync(file).size;
  }
  const result = await sql<{ bytes: number }>`
    SELECT sum(pg_total_relation_size(c.oid))::bigint AS bytes FROM pg_class c
    WHERE c.relkind = 'r' AND c.relname LIKE 'search\\_%'`.execute(harness.db);
  return Number(result.rows[0]?.bytes ?? 0);
}

async function measureIncremental(harness: SearchHarness, dialect: DatabaseDialect, catalog: SearchDocumentInput[], next: () => number) {
  const current = new Map<string, SearchDocumentInput>();
  const indexer = new IncrementalIndexer({ db: harness.db, dialect, writer: harness.writer, logger: pino({ level: 'silent' }) });
  const connection = indexer.connectionFor({
    id: 'catalog',
    types: ['software-catalog'],
    async *collate() {},
    refresh: async (keys) => new Map(keys.flatMap((key) => (current.has(key) ? [[key, [current.get(key)!]] as const] : []))),
  })!;
  await indexer.start();
  const samples: number[] = [];
  for (let round = 0; round < 30; round++) {
    const original = catalog[Math.floor(next() * catalog.length)]!;
    const marker = `zzchanged${round}x${Math.floor(next() * 1e6)}`;
    current.set(original.key, { ...original, title: `${original.title} ${marker}` });
    const started = performance.now();
    await connection.invalidate([original.key]);
    for (;;) {
      const found = await harness.service.query({ term: marker, pageLimit: 1 });
      if (found.results.length) break;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    samples.push(performance.now() - started);
  }
  await indexer.stop();
  return summarise(samples);
}

it('benchmarks search at 100k catalog documents and 20k docs sections', async () => {
  const next = random(42);
  const vocab = vocabulary(next);
  const catalog = catalogDocuments(CATALOG, vocab, next);
  const docs = docsSections(DOCS, vocab, next, NOW);
  const queries = buildQueries(catalog, vocab.words, random(7));
  const report: Record<string, unknown> = { catalogDocuments: CATALOG, docsSections: DOCS, node: process.version };

  for (const dialect of DATABASES) {
    const harness = await createSearchHarness(dialect, { now: NOW });
    try {
      const catalogMs = await build(harness, 'catalog', catalog);
      const docsMs = await build(harness, 'docs', docs);
      const rebuildMs = await build(harness, 'catalog', catalog);
      if (dialect === 'pg') await sql`ANALYZE`.execute(harness.db);

      for (const item of queries) await harness.service.query(item.query, item.caller);
      const byGroup = new Map<string, number[]>();
      const all: number[] = [];
      const results: number[] = [];
      for (let pass = 0; pass < 2; pass++) {
        for (const item of queries) {
          const started = performance.now();
          const result = await harness.service.query(item.query, item.caller);
          const ms = performance.now() - started;
          all.push(ms);
          results.push(result.numberOfResults ?? 0);
          byGroup.set(item.group, [...(byGroup.get(item.group) ?? []), ms]);
        }
      }
      const facetSamples: number[] = [];
      for (const item of queries.slice(0, 60)) {
        const started = performance.now();
        await harness.service.facets({ term: item.query.term });
        facetSamples.push(performance.now() - started);
      }
      const incremental = await measureIncremental(harness, dialect, catalog, random(99));
      const sortedResults = [...results].sort((a, b) => a - b);
      report[dialect] = {
        engine: harness.engine.kind,
        fuzzy: harness.engine.fuzzy,
        buildMs: { catalog: Math.round(catalogMs), docs: Math.round(docsMs), catalogRebuild: Math.round(rebuildMs) },
        indexBytes: await indexSize(harness, dialect),
        queryMs: summarise(all),
        queryMsByGroup: Object.fromEntries([...byGroup].map(([group, samples]) => [group, summarise(samples)])),
        matchesPerQuery: { p50: percentile(sortedResults, 50), max: sortedResults[sortedResults.length - 1] },
        facetsMs: summarise(facetSamples),
        incrementalMs: incremental,
      };
      console.log(`\n${dialect}:`, JSON.stringify(report[dialect], null, 2));
    } finally {
      await harness.close();
    }
  }
  if (process.env.PORTICO_BENCH_OUT) fs.writeFileSync(process.env.PORTICO_BENCH_OUT, JSON.stringify(report, null, 2));
});
