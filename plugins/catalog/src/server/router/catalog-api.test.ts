import { CATALOG_FILTER_EXISTS, CatalogClient } from '@backstage/catalog-client';
import type { Entity as BackstageEntity } from '@backstage/catalog-model';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKernel, testDatabaseIds, type TestKernel } from '@portico/server/testing';
import type { CatalogTables } from '../database/tables.js';
import { catalogRouterPlugin, createFileIngestion, writeCatalogFiles } from './test-fixtures/test-catalog.js';

/**
 * The REST API over real HTTP, with the file-reading test ingestion (test-fixtures/) so every
 * row is known: Backstage's client for paging both ways, predicates and the methods the
 * engine test (catalog-client.test.ts) does not reach, and plain requests for status codes,
 * error bodies, headers and Portico's own endpoints.
 */
const names = (entities: Array<BackstageEntity | undefined>) => entities.map((entity) => entity?.metadata.name);

describe.each(testDatabaseIds())('catalog REST API on %s', (dialect) => {
  let server: TestKernel;
  let client: CatalogClient;
  let files: ReturnType<typeof writeCatalogFiles>;
  let rootLocationId: string;
  let api: string;

  const get = async (path: string) => {
    const response = await fetch(`${api}${path}`);
    return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
  };
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${api}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as unknown };
  };

  beforeAll(async () => {
    files = writeCatalogFiles();
    server = await startTestKernel({ dialect, plugins: [catalogRouterPlugin(createFileIngestion)] });
    api = `${server.url}/api/catalog`;
    client = new CatalogClient({ discoveryApi: { getBaseUrl: async () => api }, fetchApi: { fetch: globalThis.fetch } });
    rootLocationId = (await client.addLocation({ type: 'file', target: files.root })).location.id;
  });
  afterAll(async () => {
    await server?.stop();
    files?.cleanup();
  });

  it('pages by-query with cursors forward and back, and with predicates through POST', async () => {
    const first = await client.queryEntities({ filter: { kind: 'component' }, orderFields: { field: 'metadata.name', order: 'asc' }, limit: 2 });
    expect(first.totalItems).toBe(5);
    expect(names(first.items)).toEqual(['billing', 'checkout-web']);
    expect(first.pageInfo.prevCursor).toBeUndefined();
    const second = await client.queryEntities({ cursor: first.pageInfo.nextCursor!, limit: 2 });
    expect(names(second.items)).toEqual(['ledger', 'orders']);
    const third = await client.queryEntities({ cursor: second.pageInfo.nextCursor!, limit: 2 });
    expect(names(third.items)).toEqual(['search-service']);
    expect(third.pageInfo.nextCursor).toBeUndefined();
    const back = await client.queryEntities({ cursor: third.pageInfo.prevCursor!, limit: 2 });
    expect(names(back.items)).toEqual(['ledger', 'orders']);
    expect(back.totalItems).toBe(5);

    const predicate = await client.queryEntities({
      query: { $all: [{ kind: 'component' }, { $not: { 'spec.lifecycle': 'production' } }] },
      orderFields: [{ field: 'metadata.name', order: 'desc' }],
      limit: 2,
    });
    expect(predicate.totalItems).toBe(3);
    expect(names(predicate.items)).toEqual(['search-service', 'ledger']);
    expect(names((await client.queryEntities({ cursor: predicate.pageInfo.nextCursor!, limit: 2 })).items)).toEqual(['checkout-web']);

    const text = await client.queryEntities({ filter: { kind: 'component' }, fullTextFilter: { term: 'ORDER', fields: ['metadata.name', 'metadata.description'] } });
    expect(names(text.items)).toEqual(['orders', 'search-service']);
  });

  it('a cursor overrides filter, order and text given beside it', async () => {
    const first = await get('/entities/by-query?filter=kind=group&orderField=metadata.name,desc&limit=1');
    const { pageInfo } = first.body as { pageInfo: { nextCursor: string } };
    const next = await get(`/entities/by-query?cursor=${encodeURIComponent(pageInfo.nextCursor)}&filter=kind=user&fullTextFilterTerm=zzz&limit=1`);
    expect(names((next.body as { items: BackstageEntity[] }).items)).toEqual(['team-a']);
  });

  it('covers the client methods the engine test does not: streamLocations, getEntityByName, existence filters', async () => {
    const streamed: string[] = [];
    for await (const page of client.streamLocations({ limit: 1 })) streamed.push(...page.map((location) => location.target));
    expect(streamed).toEqual([files.root]);
    expect((await client.getEntityByName({ kind: 'user', namespace: 'default', name: 'ada' }))?.kind).toBe('User');
    const either = await client.getEntities({ filter: [{ kind: 'user' }, { kind: 'group', 'spec.profile.displayName': CATALOG_FILTER_EXISTS }] });
    expect(names(either.items)).toEqual(['team-b', 'ada']);
    const byQuery = await client.getEntitiesByRefs({ entityRefs: ['user:default/ada', 'group:default/team-a'], query: { kind: 'user' } });
    expect(names(byQuery.items)).toEqual(['ada', undefined]);
    await expect(client.updateLocation(rootLocationId, { type: 'file', target: files.extra })).rejects.toMatchObject({
      response: { status: 403 },
      body: { error: { name: 'NotAllowedError', message: expect.stringMatching(/not supported/) } },
    });
  });

  it('GET /entities pages with a Link header whose after cursor continues the list', async () => {
    const first = await get('/entities?filter=kind=component&order=asc:metadata.name&limit=2&fields=metadata.name');
    expect(first.body).toEqual([{ metadata: { name: 'billing' } }, { metadata: { name: 'checkout-web' } }]);
    const link = first.headers.get('link');
    expect(link).toMatch(/^<\/api\/catalog\/entities\?.*after=.*>; rel="next"$/);
    const next = await fetch(`${server.url}${link!.slice(1, link!.indexOf('>'))}`);
    expect(await next.json()).toEqual([{ metadata: { name: 'ledger' } }, { metadata: { name: 'orders' } }]);
  });

  it('GET /entities without a limit streams every match as one JSON array', async () => {
    const all = await get('/entities?fields=kind,metadata.name');
    expect(all.headers.get('content-type')).toMatch(/^application\/json/);
    expect((all.body as unknown[]).length).toBe(11);
    expect(await (await get('/entities?filter=kind=nothing')).body).toEqual([]);
  });

  it('answers bad parameters with 400 and the parameter named, unknown things with 404', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/entities?filter=,=x', /filter/],
      ['/entities?order=sideways:metadata.name', /order/],
      ['/entities?limit=0', /limit/],
      ['/entities?offset=-1', /offset/],
      ['/entities?after=garbage', /after/],
      ['/entities/by-query?cursor=bm90IGpzb24', /cursor/],
      ['/entities/by-query?orderField=metadata.name,up', /orderField/],
      ['/entities/by-query?limit=10001', /limit/],
      ['/entities?fields=metadata.tags[0]', /fields/],
      ['/graph?rootEntityRefs=:', /rootEntityRefs/],
    ];
    for (const [path, parameter] of cases) {
      const response = await get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 400 });
      expect((response.body as { error: { name: string; message: string } }).error).toMatchObject({ name: 'InputError', message: expect.stringMatching(parameter) });
    }
    const predicate = await post('/entities/by-query', { query: { $all: [{ kind: 'component' }, { 'spec.type': { $regex: 'x' } }] } });
    expect(predicate.status).toBe(400);
    expect((predicate.body as { error: { message: string } }).error.message).toMatch(/query\.\$all\[1\]\.spec\.type/);
    const missing = await get('/entities/by-name/component/default/nope');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ error: { name: 'NotFoundError' }, response: { statusCode: 404 } });
    expect((await get('/entities/by-uid/nope')).status).toBe(404);
    expect((await get('/locations/nope')).status).toBe(404);
  });

  it('serves facets and by-refs as Backstage does', async () => {
    const facets = await get('/entity-facets?facet=kind&facet=spec.type&filter=metadata.namespace=default');
    expect((facets.body as { facets: Record<string, unknown[]> }).facets['spec.type']).toEqual([
      { value: 'service', count: 3 },
      { value: 'team', count: 2 },
      { value: 'library', count: 1 },
      { value: 'openapi', count: 1 },
      { value: 'website', count: 1 },
    ]);
    const refs = await post('/entities/by-refs?filter=kind=group', { entityRefs: ['group:default/team-b', 'user:default/ada'], fields: ['metadata.name'] });
    expect(refs.body).toEqual({ items: [{ metadata: { name: 'team-b' } }, null] });
  });

  it('serves the relations graph for the UI, bounded', async () => {
    const graph = (await get('/graph?rootEntityRefs=component:default/orders&maxDepth=1&relationTypes=ownedBy,dependencyOf')).body as {
      nodes: Array<{ entityRef: string; depth: number }>;
      edges: Array<{ source: string; type: string; target: string }>;
    };
    expect(graph.nodes.map((node) => node.entityRef).sort()).toEqual(['component:default/billing', 'component:default/orders', 'group:default/team-a']);
    expect(graph.edges).toEqual(
      expect.arrayContaining([
        { source: 'component:default/orders', type: 'ownedBy', target: 'group:default/team-a' },
        { source: 'component:default/orders', type: 'dependencyOf', target: 'component:default/billing' },
      ]),
    );
    expect((await get('/graph?rootEntityRefs=component:default/orders&maxDepth=6')).status).toBe(400);
  });

  it('serves entity history newest first with a cursor, and 404 for unknown entities', async () => {
    const orders = await client.getEntityByRef('component:default/orders');
    const db = server.kernel.connection.kysely as unknown as Kysely<CatalogTables>;
    await db
      .insertInto('catalog_history')
      .values([1, 2, 3].map((index) => ({
        id: `h${index}`,
        entity_ref: 'component:default/orders',
        entity_id: orders!.metadata.uid!,
        change: index === 1 ? ('added' as const) : ('changed' as const),
        source_key: `location:file:${files.dir}/components.yaml`,
        changed_at: 1_700_000_000_000 + index,
        diff: JSON.stringify(index === 1 ? [] : [{ op: 'replace', path: '/spec/lifecycle', from: 'a', to: 'b' }]),
        etag: null,
      })))
      .execute();
    const first = (await get('/entities/by-name/component/default/orders/history?limit=2')).body as { items: Array<{ id: string }>; totalItems: number; pageInfo: { nextCursor?: string } };
    expect(first.items.map((item) => item.id)).toEqual(['h3', 'h2']);
    expect(first.totalItems).toBe(3);
    const rest = (await get(`/entities/by-name/component/default/orders/history?limit=2&cursor=${encodeURIComponent(first.pageInfo.nextCursor!)}`)).body as typeof first;
    expect(rest.items.map((item) => item.id)).toEqual(['h1']);
    expect(rest.pageInfo).toEqual({});
    expect((await get('/entities/by-name/component/default/nope/history')).status).toBe(404);
  });

  it('returns 200 with no body for refresh, and 400 with errors for invalid entities', async () => {
    const refresh = await post('/refresh', { entityRef: 'Component:orders' });
    expect(refresh).toEqual({ status: 200, body: undefined });
    const invalid = await post('/validate-entity', { entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: {} }, location: 'url:https://x.example/a.yaml' });
    expect(invalid.status).toBe(400);
    expect((invalid.body as { errors: Array<{ message: string }> }).errors[0]?.message).toMatch(/metadata\.name/);
    const badLocation = await client.validateEntity({ apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'x' } }, 'no location');
    expect(badLocation).toEqual({ valid: false, errors: [{ name: 'InputError', message: expect.stringMatching(/location/i) }] });
  });
});

describe.each(testDatabaseIds())('catalog REST API in read-only mode on %s', (dialect) => {
  let server: TestKernel;
  let files: ReturnType<typeof writeCatalogFiles>;
  beforeAll(async () => {
    files = writeCatalogFiles();
    server = await startTestKernel({ dialect, plugins: [catalogRouterPlugin(createFileIngestion, { readonly: true })] });
  });
  afterAll(async () => {
    await server?.stop();
    files?.cleanup();
  });

  it('refuses to register or remove locations, but allows a dry run', async () => {
    const post = (query: string) =>
      fetch(`${server.url}/api/catalog/locations${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'file', target: files.root }) });
    const refused = await post('');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(/read-only/);
    expect((await post('?dryRun=true')).status).toBe(201);
    expect((await fetch(`${server.url}/api/catalog/locations/x`, { method: 'DELETE', headers: { 'content-type': 'application/json' } })).status).toBe(403);
  });
});
