import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseIds } from '@portico/server/testing';
import { createCatalogTestDatabase, insertCatalogEntities, type CatalogTestDatabase } from '../database/operations/query/test-fixtures/catalog-fixture.js';
import { sampleCatalog } from '../database/operations/query/test-fixtures/sample-catalog.js';
import { createCatalogService, type CatalogService } from './catalog-service.js';

describe.each(testDatabaseIds())('CatalogService on %s', (dialect) => {
  let database: CatalogTestDatabase;
  let catalog: CatalogService;
  beforeAll(async () => {
    database = await createCatalogTestDatabase(dialect);
    await insertCatalogEntities(database.db, sampleCatalog());
    catalog = createCatalogService(database.db);
  });
  afterAll(() => database.close());

  it('gets by ref and by refs, with filters given as trees or Backstage strings', async () => {
    expect((await catalog.getEntityByRef('group:default/team-a'))?.metadata.title).toBe('Team A');
    const items = await catalog.getEntitiesByRefs(['user:default/ada', 'user:default/nobody', 'group:default/team-b'], 'kind=user', ['metadata.name']);
    expect(items).toEqual([{ metadata: { name: 'ada' } }, undefined, undefined]);
    const tree = await catalog.getEntitiesByRefs(['group:default/team-b'], { key: 'kind', values: ['group'] });
    expect(tree[0]?.metadata.name).toBe('team-b');
  });

  it('lists a page in order, with full text and fields', async () => {
    const page = await catalog.getEntities({
      filter: ['kind=component,spec.type=service', 'kind=api'],
      order: [{ field: 'metadata.name', order: 'desc' }],
      fields: ['metadata.name'],
      limit: 3,
    });
    expect(page).toEqual([{ metadata: { name: 'orders-api' } }, { metadata: { name: 'orders' } }, { metadata: { name: 'old-thing' } }]);
    const text = await catalog.getEntities({ filter: 'kind=component', fullText: { term: 'LEDGER' }, fields: ['metadata.name'] });
    expect(text).toEqual([{ metadata: { name: 'ledger' } }]);
  });

  it('queries with a count and continues with the cursor', async () => {
    const first = await catalog.queryEntities({ filter: 'kind=user', limit: 1 });
    expect(first.totalItems).toBe(2);
    expect(first.items.map((entity) => entity.metadata.name)).toEqual(['ada']);
    const next = await catalog.queryEntities({ cursor: first.nextCursor!, limit: 1 });
    expect(next.items.map((entity) => entity.metadata.name)).toEqual(['brian']);
    expect(next.nextCursor).toBeUndefined();
  });

  it('streams every match and counts facets', async () => {
    const names: string[] = [];
    for await (const batch of catalog.streamEntities({ filter: 'kind=component', fields: ['metadata.name'] }, 3)) {
      expect(batch.length).toBeLessThanOrEqual(3);
      names.push(...batch.map((entity) => entity.metadata.name));
    }
    // By ref: the default namespace first, then ops.
    expect(names).toEqual(['billing', 'broken-thing', 'checkout-web', 'ledger', 'old-thing', 'orders', 'Zeta-Tools', 'inventory']);
    expect((await catalog.facets(['spec.lifecycle'], 'kind=api'))['spec.lifecycle']).toEqual([{ value: 'production', count: 1 }]);
  });

  it('walks the relations graph', async () => {
    const graph = await catalog.getRelationsGraph({ rootEntityRefs: ['system:default/payments'], maxDepth: 1, maxNodes: 20, relationTypes: ['hasPart'] });
    expect(graph.nodes.map((node) => node.entityRef).sort()).toEqual([
      'api:default/orders-api',
      'component:default/billing',
      'component:default/orders',
      'resource:default/orders-db',
      'system:default/payments',
    ]);
  });
});
