import fs from 'node:fs';
import path from 'node:path';
import { CatalogClient } from '@backstage/catalog-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseIds } from '@portico/server/testing';
import { SMALL_CATALOG_COUNT, smallCatalog, startCatalog, type StartedCatalog } from '../test-fixtures/start-catalog.js';

/**
 * Backstage's own client, unchanged, against Portico's catalog API: every method a script or
 * plugin written for Backstage calls must work.
 */
describe.each(testDatabaseIds())('@backstage/catalog-client against Portico on %s', (dialect) => {
  let catalog: StartedCatalog;
  let client: CatalogClient;

  beforeAll(async () => {
    catalog = await startCatalog(dialect, smallCatalog);
    client = new CatalogClient({
      discoveryApi: { getBaseUrl: async () => `${catalog.url}/api/catalog` },
      fetchApi: { fetch },
    });
    await catalog.waitForEntities(SMALL_CATALOG_COUNT);
    // Reverse relations appear once both sides are stitched.
    await catalog.waitForEntities(1, 'kind=group,relations.hasmember=user:default/jane');
  });
  afterAll(async () => {
    await catalog?.stop();
  });

  it('getEntities filters (AND within one filter, OR across filters), prunes fields and orders', async () => {
    const components = await client.getEntities({
      filter: { kind: 'Component' },
      fields: ['metadata.name', 'spec.type'],
      order: { field: 'metadata.name', order: 'asc' },
    });
    expect(components.items).toEqual([
      { metadata: { name: 'billing-web' }, spec: { type: 'website' } },
      { metadata: { name: 'checkout' }, spec: { type: 'service' } },
    ]);
    const either = await client.getEntities({
      filter: [{ kind: 'api' }, { kind: 'component', 'spec.type': 'website' }],
      fields: ['metadata.name'],
      order: { field: 'metadata.name', order: 'desc' },
    });
    expect(either.items.map((entity) => entity.metadata.name)).toEqual(['checkout-api', 'billing-web']);
    const tagged = await client.getEntities({ filter: { 'metadata.tags': 'JAVA' }, fields: ['metadata.name'] });
    expect(tagged.items).toEqual([{ metadata: { name: 'checkout' } }]);
    const owned = await client.getEntities({ filter: { 'relations.ownedBy': 'group:default/payments-team' }, fields: ['kind'] });
    expect(owned.items).toHaveLength(4);
    const page = await client.getEntities({ filter: { kind: 'component' }, limit: 1, offset: 1, fields: ['metadata.name'], order: { field: 'metadata.name', order: 'asc' } });
    expect(page.items).toEqual([{ metadata: { name: 'checkout' } }]);
  });

  it('getEntityByRef returns the stitched entity with relations both ways, and undefined when missing', async () => {
    const checkout = await client.getEntityByRef('component:default/checkout');
    expect(checkout?.metadata.uid).toEqual(expect.any(String));
    expect(checkout?.metadata.etag).toEqual(expect.any(String));
    expect(checkout?.relations).toEqual(
      expect.arrayContaining([
        { type: 'ownedBy', targetRef: 'group:default/payments-team' },
        { type: 'partOf', targetRef: 'system:default/payments' },
        { type: 'providesApi', targetRef: 'api:default/checkout-api' },
        { type: 'dependencyOf', targetRef: 'component:default/billing-web' },
      ]),
    );
    const team = await client.getEntityByRef({ kind: 'group', namespace: 'default', name: 'payments-team' });
    expect(team?.relations).toEqual(expect.arrayContaining([{ type: 'hasMember', targetRef: 'user:default/jane' }]));
    expect(await client.getEntityByRef('component:default/nope')).toBeUndefined();
  });

  it('getEntitiesByRefs keeps the request order and answers null for unknown refs', async () => {
    const { items } = await client.getEntitiesByRefs({
      entityRefs: ['api:default/checkout-api', 'component:default/missing', 'user:default/jane'],
      fields: ['metadata.name'],
    });
    expect(items).toEqual([{ metadata: { name: 'checkout-api' } }, undefined, { metadata: { name: 'jane' } }]);
  });

  it('queryEntities pages with cursors, counts, orders and filters by text', async () => {
    const first = await client.queryEntities({
      filter: { kind: ['component', 'api', 'system'] },
      orderFields: { field: 'metadata.name', order: 'asc' },
      limit: 2,
      fields: ['metadata.name'],
    });
    expect(first.totalItems).toBe(4);
    expect(first.items.map((entity) => entity.metadata.name)).toEqual(['billing-web', 'checkout']);
    expect(first.pageInfo.nextCursor).toEqual(expect.any(String));
    const second = await client.queryEntities({ cursor: first.pageInfo.nextCursor!, limit: 2, fields: ['metadata.name'] });
    expect(second.items.map((entity) => entity.metadata.name)).toEqual(['checkout-api', 'payments']);
    expect(second.pageInfo.nextCursor).toBeUndefined();
    expect(second.pageInfo.prevCursor).toEqual(expect.any(String));

    const text = await client.queryEntities({
      fullTextFilter: { term: 'CHECKOUT SER', fields: ['metadata.title'] },
      fields: ['metadata.name'],
    });
    expect(text.items).toEqual([{ metadata: { name: 'checkout' } }]);

    const byPredicate = await client.queryEntities({
      query: { $all: [{ kind: 'component' }, { $not: { 'spec.lifecycle': 'experimental' } }] },
      fields: ['metadata.name'],
    });
    expect(byPredicate.items).toEqual([{ metadata: { name: 'checkout' } }]);
  });

  it('streamEntities walks every page', async () => {
    const names: string[] = [];
    for await (const page of client.streamEntities({ pageSize: 2, fields: ['metadata.name'] })) {
      names.push(...page.map((entity) => entity.metadata.name));
    }
    expect(names.sort()).toEqual(['billing-web', 'checkout', 'checkout-api', 'everything', 'jane', 'payments', 'payments-team']);
  });

  it('getEntityFacets counts values, also under a filter and by predicate', async () => {
    const { facets } = await client.getEntityFacets({ facets: ['kind', 'spec.lifecycle'] });
    expect(facets.kind).toEqual(
      expect.arrayContaining([
        { value: 'Component', count: 2 },
        { value: 'API', count: 1 },
        { value: 'User', count: 1 },
      ]),
    );
    expect(facets['spec.lifecycle']).toEqual([
      { value: 'production', count: 2 },
      { value: 'experimental', count: 1 },
    ]);
    const filtered = await client.getEntityFacets({ facets: ['metadata.tags'], filter: { kind: 'component' } });
    expect(filtered.facets['metadata.tags']).toHaveLength(3);
    const predicate = await client.getEntityFacets({ facets: ['spec.type'], query: { kind: 'component' } });
    expect(predicate.facets['spec.type']).toEqual(expect.arrayContaining([{ value: 'service', count: 1 }, { value: 'website', count: 1 }]));
  });

  it('getEntityAncestors answers for an entity', async () => {
    const ancestry = await client.getEntityAncestors({ entityRef: 'component:default/checkout' });
    expect(ancestry.rootEntityRef).toBe('component:default/checkout');
    expect(ancestry.items[0]?.entity.metadata.name).toBe('checkout');
  });

  it('reads locations by id, by ref, by entity and by query', async () => {
    const { items } = await client.getLocations();
    const configured = items.find((location) => location.target === path.join(catalog.dir, 'all.yaml'));
    expect(configured).toMatchObject({ type: 'file' });
    expect(await client.getLocationById(configured!.id)).toEqual(configured);
    expect(await client.getLocationByRef(`file:${configured!.target}`)).toEqual(configured);
    expect(await client.getLocationByEntity('component:default/checkout')).toEqual(configured);
    expect(await client.getLocationById('00000000-0000-0000-0000-000000000000')).toBeUndefined();
    const queried = await client.queryLocations({ limit: 10 });
    expect(queried.items).toEqual(expect.arrayContaining([configured]));
  });

  it('adds (dry run and real) and removes a location, and its entities come and go', async () => {
    const extra = path.join(catalog.dir, 'extra.yaml');
    fs.writeFileSync(
      extra,
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ledger\nspec:\n  type: service\n  lifecycle: production\n  owner: payments-team\n',
    );
    const dry = await client.addLocation({ type: 'file', target: extra, dryRun: true });
    expect(dry.entities.map((entity) => entity.metadata.name)).toEqual(['ledger']);
    expect(await client.getEntityByRef('component:default/ledger')).toBeUndefined();

    const added = await client.addLocation({ type: 'file', target: extra });
    expect(added.location).toMatchObject({ type: 'file', target: extra });
    await catalog.waitForEntities(1, 'metadata.name=ledger');
    await expect(client.addLocation({ type: 'file', target: extra })).rejects.toThrow(/409|already/i);

    await client.removeLocationById(added.location.id);
    await catalog.waitForEntities(0, 'metadata.name=ledger');
    expect(await client.getLocationById(added.location.id)).toBeUndefined();
  });

  it('refreshes an entity after its file changed', async () => {
    const file = path.join(catalog.dir, 'software.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('title: Checkout Service', 'title: Checkout Service v2'));
    await client.refreshEntity('component:default/checkout');
    const deadline = Date.now() + 10_000;
    let title: string | undefined;
    while (Date.now() < deadline) {
      title = (await client.getEntityByRef('component:default/checkout'))?.metadata.title;
      if (title === 'Checkout Service v2') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(title).toBe('Checkout Service v2');
  });

  it('validates entities: valid, and invalid with the field named', async () => {
    const location = `file:${path.join(catalog.dir, 'all.yaml')}`;
    const valid = await client.validateEntity(
      { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'ok' }, spec: { type: 'service', lifecycle: 'x', owner: 'me' } },
      location,
    );
    expect(valid).toEqual({ valid: true });
    const invalid = await client.validateEntity(
      { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'not valid!' }, spec: { type: 'service' } },
      location,
    );
    expect(invalid.valid).toBe(false);
    if (!invalid.valid) expect(invalid.errors.map((error) => error.message).join('\n')).toMatch(/metadata\.name/);
  });

  it('analyzes a location that is not registered yet', async () => {
    const file = path.join(catalog.dir, 'unregistered.yaml');
    fs.writeFileSync(file, 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: fraud-checks\nspec:\n  type: service\n  lifecycle: experimental\n  owner: payments-team\n');
    const result = await client.analyzeLocation({ location: { type: 'file', target: file } });
    expect(result.existingEntityFiles).toEqual([
      expect.objectContaining({ isRegistered: false, entity: expect.objectContaining({ kind: 'Component', metadata: expect.objectContaining({ name: 'fraud-checks' }) }) }),
    ]);
    expect(await client.getEntityByRef('component:default/fraud-checks')).toBeUndefined();
  });

  it('removes an entity by uid', async () => {
    const jane = await client.getEntityByRef('user:default/jane');
    await client.removeEntityByUid(jane!.metadata.uid!);
    expect(await client.getEntityByRef('user:default/jane')).toBeUndefined();
  });
});
