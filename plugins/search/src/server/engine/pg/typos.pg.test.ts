import crypto from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchTables } from '../../database/tables.js';
import { catalogDocuments, CORPUS_NOW, docsDocuments } from '../../test-fixtures/corpus.js';
import { createSearchHarness, type SearchHarness } from '../../test-fixtures/search-harness.js';
import { parseTerm } from '../../query/parse-term.js';
import { enableFuzzyMatching } from './enable-fuzzy.js';
import { createPgEngine } from './pg-engine.js';

describe('typo tolerance on PostgreSQL', () => {
  let harness: SearchHarness;
  const top = async (term: string, options: { types?: string[] } = {}) =>
    (await harness.service.query({ term, ...options })).results.map((result) => result.document.location);

  beforeAll(async () => {
    harness = await createSearchHarness('pg', { now: CORPUS_NOW });
    await harness.indexAll('catalog', catalogDocuments);
    await harness.indexAll('docs', docsDocuments);
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('is on, with the words of names and titles indexed by trigrams', async () => {
    expect(harness.engine.fuzzy).toBe(true);
    const index = await sql<{ indexdef: string }>`SELECT indexdef FROM pg_indexes WHERE indexname = 'search_words_trgm_idx'`.execute(harness.db);
    expect(index.rows[0]?.indexdef).toMatch(/gin \(word gin_trgm_ops\)/);
    const words = await harness.db.selectFrom('search_words').select('word').where('word', 'in', ['checkout', 'kubernetes', 'runbook']).execute();
    expect(words.map((row) => row.word).sort()).toEqual(['checkout', 'kubernetes', 'runbook']);
  });

  it.each([
    ['chekout', '/catalog/default/component/checkout'],
    ['kubernets operater', '/catalog/default/component/kubernetes-operator'],
    ['invetory', '/catalog/default/component/inventory'],
    ['notifcations', '/catalog/default/component/notifications'],
    ['paymnets team', '/catalog/default/group/payments-team'],
  ])('finds "%s" despite the typo', async (term, best) => {
    expect((await top(term))[0]).toBe(best);
  });

  it('corrects words only when no document has them', async () => {
    // 'servce' would be read as 'service', but a document has the word as written.
    await harness.writer.replaceItems('docs', new Map([['typo-page', [{ type: 'techdocs', key: 'typo-page', title: 'Servce desk', text: '', location: '/docs/typo' }]]]));
    expect(await top('servce')).toEqual(['/docs/typo']);
    expect(await top('ledgr', { types: ['techdocs'] })).toEqual([]);
    await harness.writer.replaceItems('docs', new Map([['typo-page', []]]));
  });

  it('keeps filters, exclusions and counts on corrected words', async () => {
    const result = await harness.service.query({ term: 'chekout', filters: { type: 'website' } });
    expect(result.results.map((item) => item.document.location)).toEqual(['/catalog/default/component/checkout-web']);
    expect(result.numberOfResults).toBe(1);
    expect(await top('chekout -web')).not.toContain('/catalog/default/component/checkout-web');
  });
});

describe('without pg_trgm on PostgreSQL', () => {
  let harness: SearchHarness;

  beforeAll(async () => {
    harness = await createSearchHarness('pg', { now: CORPUS_NOW });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('turns typo tolerance off with a warning where the extension cannot be installed', async () => {
    const role = `portico_search_${crypto.randomBytes(4).toString('hex')}`;
    const admin = harness.database.kysely;
    await sql`CREATE ROLE ${sql.id(role)} LOGIN`.execute(admin);
    const url = new URL(String(harness.database.config.connection));
    url.username = role;
    const limited = new Kysely<SearchTables>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString(), max: 1 }) }) });
    try {
      await sql`DROP EXTENSION pg_trgm CASCADE`.execute(admin);
      const warnings: string[] = [];
      const logger = pino({ level: 'warn' }, { write: (line: string) => warnings.push(String(JSON.parse(line).msg)) });
      expect(await enableFuzzyMatching(limited, logger)).toBe(false);
      expect(warnings.join('\n')).toMatch(/pg_trgm is not available \(permission denied.*\); typo-tolerant matching is off/);
    } finally {
      await limited.destroy();
      await sql`DROP ROLE ${sql.id(role)}`.execute(admin);
    }
  });

  it('searches by words when fuzzy matching is off', async () => {
    const engine = createPgEngine(harness.db, { fuzzy: false, fuzzyThreshold: 0.45 });
    await harness.indexAll('catalog', catalogDocuments);
    const base = { filter: undefined, collatorIds: ['catalog'], offset: 0, limit: 5, ownershipRefs: [], now: CORPUS_NOW, highlight: { preTag: '[', postTag: ']' } };
    expect((await engine.query({ ...base, term: parseTerm('chekout') })).total).toBe(0);
    expect((await engine.query({ ...base, term: parseTerm('checkout') })).hits[0]?.title).toBe('Checkout Service');
  });
});
