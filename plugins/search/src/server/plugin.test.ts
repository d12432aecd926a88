import fs from 'node:fs';
import path from 'node:path';
import type { SearchResultSet as BackstageResultSet } from '@backstage/plugin-search-common';
import { defineServerPlugin } from '@portico/server';
import { testDatabaseIds } from '@portico/server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchQueryString, type SearchFacetsResponse, type SearchIndexStatus, type SearchResultSet } from '../common/index.js';
import { searchAccessExtensionPoint } from './extension-points.js';
import { eventually, orgFiles, startPortal, type StartedPortal } from './test-fixtures/start-portal.js';

/** Lets a request see components only when it says so: a stand-in for the permissions plugin. */
const componentsOnlyPolicy = defineServerPlugin({
  id: 'test-search-access',
  extends: [searchAccessExtensionPoint],
  setup({ extend }) {
    extend(searchAccessExtensionPoint, {
      resolve: async (request) => {
        const ownedBy = request.headers['x-test-owner'];
        return {
          ...(request.headers['x-test-components-only'] === 'yes' ? { filter: { field: 'kind', values: ['component'] } } : {}),
          ...(typeof ownedBy === 'string' ? { ownershipRefs: [ownedBy] } : {}),
        };
      },
    });
  },
});

describe.each(testDatabaseIds())('search plugin in a portal on %s', (dialect) => {
  let portal: StartedPortal;
  const query = (params: string, headers?: Record<string, string>) => portal.get<SearchResultSet>(`/api/search/query?${params}`, headers);
  const titles = (set: SearchResultSet) => set.results.map((result) => result.document.title);

  beforeAll(async () => {
    portal = await startPortal(dialect, orgFiles, { plugins: [componentsOnlyPolicy] });
    await eventually(async () => ((await query('term=checkout')).body.results.length >= 4 ? true : undefined));
  });
  afterAll(async () => {
    await portal?.stop();
  });

  it("answers Backstage's query in Backstage's result shape", async () => {
    const { status, body } = await query(searchQueryString({ term: 'checkout', types: ['software-catalog'], pageLimit: 2 }));
    expect(status).toBe(200);
    const backstage: BackstageResultSet = body;
    expect(backstage.results[0]).toEqual({
      type: 'software-catalog',
      rank: 1,
      document: expect.objectContaining({
        title: 'Checkout Service',
        text: 'Takes payments for the shop.',
        location: '/catalog/default/component/checkout',
        kind: 'Component',
        type: 'service',
        componentType: 'service',
        lifecycle: 'production',
        owner: 'payments-team',
        namespace: 'default',
        tags: ['java'],
      }),
      highlight: { preTag: expect.any(String), postTag: expect.any(String), fields: expect.objectContaining({ title: expect.stringContaining('Checkout') }) },
    });
    expect(body.numberOfResults).toBe(5);
    expect(body.nextPageCursor).toEqual(expect.any(String));
    const next = await query(`term=checkout&types[0]=software-catalog&pageLimit=2&pageCursor=${body.nextPageCursor}`);
    expect(next.body.results.map((result) => result.rank)).toEqual([3, 4]);
    expect(next.body.previousPageCursor).toEqual(expect.any(String));
  });

  it('accepts types[]=, types[0]= and repeated types=, and filters[field]=', async () => {
    const variants = ['types[]=software-template', 'types%5B0%5D=software-template', 'types=software-template&types=software-template'];
    for (const variant of variants) {
      const { body } = await query(`term=checkout&${variant}`);
      expect(body.results.map((result) => [result.type, result.document.location])).toEqual([
        ['software-template', '/create/templates/default/checkout-plugin'],
      ]);
    }
    const apis = await query('term=checkout&filters[kind]=API');
    expect(titles(apis.body)).toEqual(['checkout-api']);
    const tagged = await query('term=&filters%5Btags%5D%5B0%5D=java&filters%5Btags%5D%5B1%5D=nothing');
    expect(titles(tagged.body)).toEqual(['Checkout Service']);
  });

  it('answers 400 with the parameter named for bad input, and never 500 for odd terms', async () => {
    const cases: Array<[string, string]> = [
      [`term=${'x'.repeat(101)}`, 'term: at most 100 characters (got 101)'],
      ['term=x&filters=kind', 'filters: name the field, as in filters[kind]=Component'],
      ['term=x&filters[kind)]=y', "filters[kind)]: 'kind)' is not a field name (letters, digits, '_', '.', '-')"],
      ['term=x&filters[kind][a]=y', 'filters[kind]: a value or a list of values (filters[kind][]=a), not nested fields'],
      ['term=x&pageLimit=1000', 'pageLimit: a whole number from 1 to 100'],
      ['term=x&pageCursor=bogus', 'pageCursor: not a cursor this server issued'],
    ];
    for (const [params, message] of cases) {
      const response = await portal.get<{ error: { name: string; message: string }; response: { statusCode: number } }>(`/api/search/query?${params}`);
      expect(response.status, params).toBe(400);
      expect(response.body.error).toEqual({ name: 'InputError', message });
    }
    for (const term of ['"', 'NEAR(', 'a:b', '*', '-', 'checkout" OR "', "'; DROP TABLE search_documents;--"]) {
      expect((await query(`term=${encodeURIComponent(term)}`)).status, term).toBe(200);
    }
  });

  it('updates a document within seconds of its entity changing', async () => {
    const file = path.join(portal.dir, 'software.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('title: Checkout Service', 'title: Checkout Gateway'));
    const changedAt = Date.now();
    expect((await portal.post('/api/catalog/refresh', { entityRef: 'component:default/checkout' })).status).toBe(200);
    const found = await eventually(async () => {
      const { body } = await query('term=gateway');
      return body.results[0]?.document.location === '/catalog/default/component/checkout' ? body : undefined;
    }, 10_000);
    expect(Date.now() - changedAt).toBeLessThan(10_000);
    expect(titles(found)).toEqual(['Checkout Gateway']);
    expect(titles((await query('term=checkout service')).body)).not.toContain('Checkout Service');
  });

  it('drops the document of a deleted entity', async () => {
    const file = path.join(portal.dir, 'software.yaml');
    const text = fs.readFileSync(file, 'utf8');
    const withoutLegacy = text.replace(/---\napiVersion: backstage.io\/v1alpha1\nkind: Component\nmetadata:\n {2}name: legacy-cart[\s\S]*?(?=---)/, '');
    expect(withoutLegacy).not.toContain('legacy-cart');
    fs.writeFileSync(file, withoutLegacy);
    expect(titles((await query('term=legacy')).body)).toEqual(['legacy-cart']);
    await portal.post('/api/catalog/refresh', { entityRef: 'component:default/checkout' });
    await eventually(async () => ((await query('term=legacy')).body.numberOfResults === 0 ? true : undefined), 10_000);
    expect((await portal.get('/api/catalog/entities/by-name/component/default/legacy-cart')).status).toBe(404);
  });

  it('compiles the access policy into the query: full pages, honest counts', async () => {
    const limited = { 'x-test-components-only': 'yes' };
    const first = await query('term=checkout&pageLimit=1', limited);
    expect(first.body.numberOfResults).toBe(2);
    expect(first.body.results).toHaveLength(1);
    const second = await query(`term=checkout&pageLimit=1&pageCursor=${first.body.nextPageCursor}`, limited);
    expect(second.body.results).toHaveLength(1);
    expect([...first.body.results, ...second.body.results].map((result) => result.document.kind)).toEqual(['Component', 'Component']);
    expect((await query('term=checkout&pageLimit=1')).body.numberOfResults).toBeGreaterThan(2);
  });

  it("ranks the caller's own things higher", async () => {
    // Three equal matches (their lifecycle); the owner decides which comes first.
    const top = async (owner: string) => (await query('term=production', { 'x-test-owner': owner })).body.results[0]?.document.title;
    expect(await top('group:default/web-team')).toBe('Checkout Web');
    expect(await top('group:default/payments-team')).not.toBe('Checkout Web');
  });

  it('counts facets for the current term', async () => {
    const { body } = await portal.get<SearchFacetsResponse>('/api/search/facets?term=checkout&facets[]=kind&facets[]=types&facets[]=owner&filters[kind]=component');
    expect(body.numberOfResults).toBe(2);
    // The template is two documents: its catalog entry and its software-template entry.
    expect(body.facets.kind).toEqual([
      { value: 'Component', count: 2 },
      { value: 'Template', count: 2 },
      { value: 'API', count: 1 },
    ]);
    expect(body.facets.types).toEqual([{ value: 'software-catalog', count: 2 }]);
  });

  it('re-indexes on demand and reports the index status', async () => {
    const before = (await portal.get<SearchIndexStatus>('/api/search/status')).body;
    expect(before.engine).toBe(dialect === 'pg' ? 'postgres' : 'sqlite-fts5');
    const done = await portal.post<{ collators: string[] }>('/api/search/reindex?wait=true');
    expect(done).toEqual({ status: 200, body: { collators: ['software-catalog'] } });
    const after = (await portal.get<SearchIndexStatus>('/api/search/status')).body;
    expect(after.collators).toEqual([
      expect.objectContaining({ id: 'software-catalog', types: ['software-catalog', 'software-template'], documents: 7, building: false }),
    ]);
    expect(Date.parse(after.collators[0]!.lastBuiltAt!)).toBeGreaterThanOrEqual(Date.parse(before.collators[0]?.lastBuiltAt ?? '1970-01-01'));
    expect(titles((await query('term=gateway')).body)).toEqual(['Checkout Gateway']);
    const started = await portal.post<{ collators: string[] }>('/api/search/reindex?collator=software-catalog');
    expect(started).toEqual({ status: 202, body: { collators: ['software-catalog'] } });
    expect((await portal.post('/api/search/reindex?collator=nope')).status).toBe(404);
  });
});
