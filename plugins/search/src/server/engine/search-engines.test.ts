import { InputError } from '@portico/model';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseIds } from '@portico/server/testing';
import type { SearchResultSet } from '../../common/index.js';
import { catalogDocuments, CORPUS_NOW, docsDocuments } from '../test-fixtures/corpus.js';
import { createSearchHarness, type SearchHarness } from '../test-fixtures/search-harness.js';

const at = (path: string) => (path.startsWith('/') ? path : `/catalog/default/component/${path}`);
const locations = (set: SearchResultSet) => set.results.map((result) => result.document.location);

/** One suite, both engines: the same documents must give the same answers. */
describe.each(testDatabaseIds())('search engine on %s', (dialect) => {
  let harness: SearchHarness;
  const search = (...args: Parameters<SearchHarness['service']['query']>) => harness.service.query(...args);

  beforeAll(async () => {
    harness = await createSearchHarness(dialect, { now: CORPUS_NOW });
    await harness.indexAll('catalog', catalogDocuments);
    await harness.indexAll('docs', docsDocuments);
  });
  afterAll(async () => {
    await harness?.close();
  });

  describe('ranking', () => {
    const bestAnswers: Array<[string, string]> = [
      ['checkout', 'checkout'],
      ['Checkout Service', 'checkout'],
      ['checkout-service', 'checkout'],
      ['billing', 'billing'],
      ['payments', '/catalog/default/system/payments'],
      ['payments team', '/catalog/default/group/payments-team'],
      ['ledger', 'ledger'],
      ['kubernetes operator', 'kubernetes-operator'],
      ['report worker 7', 'report-worker-07'],
      ['jane', '/catalog/default/user/jane'],
      ['search api', '/catalog/default/api/search-api'],
    ];
    it.each(bestAnswers)('"%s" puts %s first', async (term, best) => {
      const result = await search({ term });
      expect(locations(result)[0]).toBe(at(best));
      expect(result.results[0]?.rank).toBe(1);
    });

    it('ranks name and title matches above matches in text only', async () => {
      const result = locations(await search({ term: 'checkout' }));
      expect(result.slice(0, 2)).toEqual([at('checkout'), at('checkout-web')]);
      expect(result.slice(2)).toEqual(
        expect.arrayContaining([at('billing'), '/catalog/default/group/payments-team', '/docs/default/checkout/getting-started']),
      );
    });

    it('matches words as prefixes while they are typed', async () => {
      const result = locations(await search({ term: 'chec' }));
      expect(result.slice(0, 2).sort()).toEqual([at('checkout'), at('checkout-web')]);
      expect(locations(await search({ term: 'kube oper' }))[0]).toBe(at('kubernetes-operator'));
    });

    it('puts the recently edited of two equal documents first', async () => {
      expect(locations(await search({ term: 'release process' }))).toEqual(['/docs/default/ledger/release-new', '/docs/default/billing/release-old']);
    });

    it("ranks the searcher's own documents higher among equal matches", async () => {
      const topService = async (ownershipRefs: string[]) =>
        locations(await search({ term: 'service', types: ['software-catalog'] }, { ownershipRefs }))[0];
      expect(await topService(['group:default/finance-team'])).toBe(at('billing'));
      expect(await topService(['group:default/web-team', 'user:default/someone'])).toBe(at('inventory'));
      expect(await topService(['Group:Default/Payments-Team'])).toBe(at('checkout'));
    });
  });

  describe('query syntax', () => {
    it('excludes words, matches phrases and either of two words', async () => {
      expect(locations(await search({ term: 'checkout -web -docker' }))).not.toEqual(
        expect.arrayContaining([at('checkout-web'), '/docs/default/checkout/getting-started']),
      );
      expect(locations(await search({ term: '"checkout pages"' }))).toEqual([at('checkout-web')]);
      expect(locations(await search({ term: 'ledger OR inventory', types: ['software-catalog'] })).slice(0, 2).sort()).toEqual([
        at('inventory'),
        at('ledger'),
      ]);
    });

    it('treats FTS and SQL syntax as plain words, never as an error', async () => {
      const hostile = [
        '"',
        'checkout"',
        '"""',
        'NEAR(checkout web)',
        'title:checkout',
        '{name title}: checkout',
        '*',
        'check*out',
        '^checkout',
        '(',
        ')',
        'AND OR NOT',
        '-',
        "'); DROP TABLE search_documents; --",
        '\\',
        "checkout' | !web",
        'a <-> b',
        '\u0000',
        '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 \u0301 ‮',
      ];
      for (const term of hostile) {
        const result = await search({ term });
        expect(Array.isArray(result.results), term).toBe(true);
      }
      // Column filters and operators are read as the plain words they contain.
      expect(locations(await search({ term: '{name title}: checkout' }))).toEqual(locations(await search({ term: 'name title checkout' })));
      expect(locations(await search({ term: 'title:checkout' }))).toEqual(locations(await search({ term: '"title checkout"' })));
      expect(locations(await search({ term: 'checkout"' }))[0]).toBe(at('checkout'));
      const count = await sql<{ n: number }>`SELECT count(*) AS n FROM search_documents`.execute(harness.db);
      expect(Number(count.rows[0]?.n)).toBe(catalogDocuments.length + docsDocuments.length);
    });

    it('lists everything the filters allow for an empty term, without highlights', async () => {
      const all = await search({ term: '' });
      expect(all.numberOfResults).toBe(catalogDocuments.length + docsDocuments.length);
      expect(all.results.every((result) => result.highlight === undefined)).toBe(true);
      const withoutReports = await search({ term: '-reporting' });
      expect(withoutReports.numberOfResults).toBe(catalogDocuments.length + docsDocuments.length - 40);
    });
  });

  describe('highlights', () => {
    it('wraps matched words in tags that documents cannot contain', async () => {
      const [first] = (await search({ term: 'checkout' })).results;
      expect(first?.highlight?.preTag).toMatch(/^<hl-[0-9a-f]{8}>$/);
      const { preTag, postTag, fields } = first!.highlight!;
      expect(fields.title).toBe(`${preTag}Checkout${postTag} Service`);
      expect(fields.text).toContain(`${preTag}checkout${postTag} flow`);
      expect(first!.document.title).toBe('Checkout Service');
    });
  });

  describe('filters', () => {
    it('filters by field, ignoring case, with any of several values', async () => {
      const components = await search({ term: 'checkout', filters: { kind: 'COMPONENT' } });
      expect(components.results.length).toBeGreaterThan(0);
      expect(components.results.every((result) => String(result.document.kind).toLowerCase() === 'component')).toBe(true);
      expect(locations(components)).toContain('/docs/default/checkout/getting-started');
      expect(locations(await search({ term: '', filters: { lifecycle: 'production', owner: 'payments-team' } }))).toEqual([at('checkout')]);
      expect(locations(await search({ term: '', filters: { tags: 'java' } })).sort()).toEqual([at('checkout'), at('inventory')]);
      expect(locations(await search({ term: '', filters: { tags: ['go', 'react'], lifecycle: 'production' } })).sort()).toEqual([
        at('checkout-web'),
        at('kubernetes-operator'),
        at('ledger'),
      ]);
      expect((await search({ term: 'checkout', filters: { nosuchfield: 'x' } })).numberOfResults).toBe(0);
    });

    it('filters by document type', async () => {
      const docs = await search({ term: 'checkout', types: ['techdocs'] });
      expect(docs.results.map((result) => result.type)).toEqual(['techdocs', 'techdocs']);
      expect(docs.numberOfResults).toBe(2);
    });

    it('refuses bad filters with a 400 that names them', async () => {
      await expect(search({ term: 'x', filters: { 'kind)': 'x' } })).rejects.toThrow(InputError);
      await expect(search({ term: 'x', filters: { 'kind)': 'x' } })).rejects.toThrow(/filters\[kind\)\]: 'kind\)' is not a field name/);
      await expect(search({ term: 'x', filters: { kind: [] } })).rejects.toThrow('filters[kind]: give between 1 and 50 values');
      await expect(search({ term: 'x', types: ['no spaces'] })).rejects.toThrow("types[0]: 'no spaces' is not a document type");
      await expect(search({ term: 'x'.repeat(101) })).rejects.toThrow('term: at most 100 characters (got 101)');
      await expect(search({ term: 'x', pageLimit: 101 })).rejects.toThrow('pageLimit: a whole number from 1 to 100');
      await expect(search({ term: 'x', pageCursor: 'nope' })).rejects.toThrow('pageCursor: not a cursor this server issued');
    });
  });

  describe('pagination', () => {
    it('pages through every match once, in rank order, with honest counts', async () => {
      const pages: SearchResultSet[] = [];
      let cursor: string | undefined;
      do {
        const page = await search({ term: 'reporting', pageLimit: 15, ...(cursor ? { pageCursor: cursor } : {}) });
        pages.push(page);
        cursor = page.nextPageCursor;
      } while (cursor);
      expect(pages.map((page) => page.results.length)).toEqual([15, 15, 10]);
      expect(pages.every((page) => page.numberOfResults === 40)).toBe(true);
      const all = pages.flatMap(locations);
      expect(new Set(all).size).toBe(40);
      expect(pages.flatMap((page) => page.results.map((result) => result.rank))).toEqual(Array.from({ length: 40 }, (_, index) => index + 1));
      expect(pages[0]?.previousPageCursor).toBeUndefined();
      const back = await search({ term: 'reporting', pageLimit: 15, pageCursor: pages[2]!.previousPageCursor! });
      expect(locations(back)).toEqual(locations(pages[1]!));
    });
  });

  describe('pre-filter (the permission hook)', () => {
    it('is compiled into the query, so pages stay full and counts honest', async () => {
      const preFilter = { field: 'kind', values: ['component'] };
      const first = await search({ term: 'reporting', pageLimit: 15 }, { preFilter });
      expect(first.numberOfResults).toBe(30);
      expect(first.results).toHaveLength(15);
      const second = await search({ term: 'reporting', pageLimit: 15, pageCursor: first.nextPageCursor! }, { preFilter });
      expect(second.results).toHaveLength(15);
      expect(second.nextPageCursor).toBeUndefined();
      expect([...first.results, ...second.results].every((result) => result.document.kind === 'Component')).toBe(true);
    });

    it('combines with the user filters and takes allOf, anyOf and not', async () => {
      const onlyMine = { anyOf: [{ not: { type: ['software-catalog'] } }, { field: 'owner', values: ['finance-team'] }] };
      const result = await search({ term: 'billing' }, { preFilter: onlyMine });
      expect(locations(result).sort()).toEqual([at('billing'), '/docs/default/billing/runbook']);
      const none = await search({ term: 'billing', filters: { kind: 'group' } }, { preFilter: onlyMine });
      expect(none.numberOfResults).toBe(0);
      await expect(search({ term: 'x' }, { preFilter: { field: 'a b', values: ['x'] } })).rejects.toThrow(/preFilter.field: 'a b' is not a field name/);
    });
  });

  describe('facets', () => {
    it('counts values among the matches; a facet ignores the filter on itself', async () => {
      const all = await harness.service.facets({ term: 'service', facets: ['types', 'kind', 'owner'] });
      expect(all.numberOfResults).toBe(6);
      expect(all.facets.kind).toEqual([{ value: 'Component', count: 6 }]);
      expect(all.facets.owner).toEqual([
        { value: 'finance-team', count: 2 },
        { value: 'platform-team', count: 2 },
        { value: 'payments-team', count: 1 },
        { value: 'web-team', count: 1 },
      ]);
      const filtered = await harness.service.facets({ term: '', filters: { kind: 'component', owner: 'platform-team' }, facets: ['kind', 'owner'] });
      expect(filtered.numberOfResults).toBe(2);
      expect(filtered.facets.kind).toEqual([{ value: 'Component', count: 2 }, { value: 'API', count: 1 }]);
      expect(filtered.facets.owner?.[0]).toEqual({ value: 'data-team', count: 30 });
      const docs = await harness.service.facets({ term: 'checkout' }, { preFilter: { type: ['techdocs'] } });
      expect(docs.facets.types).toEqual([{ value: 'techdocs', count: 2 }]);
    });
  });
});
