import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseIds } from '@portico/server/testing';
import { parseFilterParams } from '../../../query/parse-filter-params.js';
import { parsePredicate } from '../../../query/parse-predicate.js';
import { getEntityAncestry } from './entity-ancestry.js';
import { getEntityFacets } from './entity-facets.js';
import { getEntityHistory } from './entity-history.js';
import { getEntitiesByRefs, getEntityByRef, getEntityByUid } from './get-entities.js';
import { findLocationByEntity, listLocations, queryLocations } from './locations.js';
import { getRelationsGraph } from './relations-graph.js';
import {
  createCatalogTestDatabase,
  insertCatalogEntities,
  insertLocation,
  insertSource,
  type CatalogTestDatabase,
  type InsertedEntity,
} from './test-fixtures/catalog-fixture.js';
import { SAMPLE_ORIGIN, SAMPLE_ROOT_FILE, SAMPLE_TEAMS_FILE, sampleCatalog } from './test-fixtures/sample-catalog.js';

describe.each(testDatabaseIds())('catalog read operations on %s', (dialect) => {
  let database: CatalogTestDatabase;
  let inserted: InsertedEntity[];
  beforeAll(async () => {
    database = await createCatalogTestDatabase(dialect);
    inserted = await insertCatalogEntities(database.db, sampleCatalog());
    await insertSource(database.db, { originKey: SAMPLE_ORIGIN, sourceKey: SAMPLE_ROOT_FILE, parentKey: null });
    await insertSource(database.db, { originKey: SAMPLE_ORIGIN, sourceKey: SAMPLE_TEAMS_FILE, parentKey: SAMPLE_ROOT_FILE });
  });
  afterAll(() => database.close());

  it('gets an entity by ref in any case, and by uid', async () => {
    const entity = await getEntityByRef(database.db, 'Component:Default/Zeta-Tools');
    expect(entity?.metadata.name).toBe('Zeta-Tools');
    expect(entity?.metadata.uid).toBe(inserted.find((item) => item.ref === 'component:default/zeta-tools')?.uid);
    expect(entity?.relations).toEqual([{ type: 'ownedBy', targetRef: 'group:default/team-a' }]);
    expect(await getEntityByRef(database.db, 'component:default/nope')).toBeUndefined();
    expect((await getEntityByUid(database.db, entity!.metadata.uid!))?.metadata.name).toBe('Zeta-Tools');
    expect(await getEntityByUid(database.db, 'no-such-uid')).toBeUndefined();
  });

  it('serves status items for entities whose processing failed', async () => {
    const entity = await getEntityByRef(database.db, 'component:default/broken-thing');
    expect(entity?.status?.items).toEqual([{ type: 'backstage.io/catalog-processing', level: 'error', message: 'spec.owner: could not read the file' }]);
  });

  it('returns by-refs in request order with null for missing, malformed and filtered-out refs', async () => {
    const items = await getEntitiesByRefs(database.db, ['user:default/brian', 'component:default/nope', 'not a ref:/', 'GROUP:default/Team-A', 'user:default/brian']);
    expect(items.map((entity) => entity?.metadata.name ?? null)).toEqual(['brian', null, null, 'team-a', 'brian']);
    expect(items[0]).not.toBe(items[4]);
    const filtered = await getEntitiesByRefs(database.db, ['user:default/ada', 'group:default/team-a'], parseFilterParams('kind=group'));
    expect(filtered.map((entity) => entity?.metadata.name ?? null)).toEqual([null, 'team-a']);
  });

  it('counts facets per original value, most frequent first, filtered in SQL', async () => {
    const { kind, 'spec.lifecycle': lifecycle } = await getEntityFacets(database.db, ['kind', 'spec.lifecycle']);
    expect(kind).toEqual([
      { value: 'Component', count: 8 },
      { value: 'Group', count: 2 },
      { value: 'User', count: 2 },
      { value: 'API', count: 1 },
      { value: 'Domain', count: 1 },
      { value: 'Location', count: 1 },
      { value: 'Resource', count: 1 },
      { value: 'System', count: 1 },
    ]);
    expect(lifecycle).toEqual([
      { value: 'production', count: 5 },
      { value: 'deprecated', count: 2 },
      { value: 'experimental', count: 2 },
    ]);
    const tags = await getEntityFacets(database.db, ['metadata.tags'], parseFilterParams('spec.type=service'));
    expect(tags['metadata.tags']).toEqual([
      { value: 'Payments', count: 1 },
      { value: 'go', count: 1 },
      { value: 'java', count: 1 },
    ]);
    const owners = await getEntityFacets(database.db, ['relations.ownedBy'], parsePredicate({ kind: 'component', 'metadata.namespace': 'default' }));
    expect(owners['relations.ownedBy']).toEqual([
      { value: 'group:default/team-a', count: 3 },
      { value: 'group:default/team-b', count: 3 },
      { value: 'user:default/ada', count: 1 },
    ]);
    expect(await getEntityFacets(database.db, ['spec.nothing'])).toEqual({ 'spec.nothing': [] });
  });

  it('walks ancestry from an entity up through the Location entities that led to its file', async () => {
    const ancestry = await getEntityAncestry(database.db, 'user:default/ada');
    expect(ancestry?.rootEntityRef).toBe('user:default/ada');
    expect(ancestry?.items.map((item) => [item.entity.metadata.name, item.parentEntityRefs])).toEqual([
      ['ada', ['location:default/root']],
      ['root', []],
    ]);
    const top = await getEntityAncestry(database.db, 'component:default/orders');
    expect(top?.items.map((item) => item.parentEntityRefs)).toEqual([[]]);
    expect(await getEntityAncestry(database.db, 'component:default/nope')).toBeUndefined();
  });

  it('walks the relations graph within depth and node limits', async () => {
    const graph = await getRelationsGraph(database.db, { rootEntityRefs: ['component:default/orders'], maxDepth: 1, maxNodes: 50 });
    expect(graph.nodes.map((node) => node.entityRef).sort()).toEqual([
      'api:default/orders-api',
      'component:default/billing',
      'component:default/orders',
      'group:default/team-a',
      'resource:default/orders-db',
      'system:default/payments',
    ]);
    expect(graph.edges).toContainEqual({ source: 'component:default/orders', type: 'ownedBy', target: 'group:default/team-a' });
    expect(graph.truncated).toBe(false);
    const owned = await getRelationsGraph(database.db, { rootEntityRefs: ['group:default/team-a'], maxDepth: 2, maxNodes: 4, relationTypes: ['ownerOf'] });
    expect(owned.nodes).toHaveLength(4);
    expect(owned.truncated).toBe(true);
    expect(owned.edges.every((edge) => edge.type === 'ownerOf')).toBe(true);
    const missing = await getRelationsGraph(database.db, { rootEntityRefs: ['component:default/ghost'], maxDepth: 2, maxNodes: 10 });
    expect(missing.nodes).toEqual([{ entityRef: 'component:default/ghost', kind: 'component', namespace: 'default', name: 'ghost', depth: 0, found: false }]);
  });

  it('reads history newest first, a page at a time', async () => {
    const rows = [1, 2, 3].map((index) => ({
      id: `h${index}`,
      entity_ref: 'component:default/orders',
      entity_id: 'uid-orders',
      change: index === 1 ? ('added' as const) : ('changed' as const),
      source_key: SAMPLE_ROOT_FILE,
      changed_at: 1_700_000_000_000 + index * 1000,
      diff: JSON.stringify([{ op: 'replace', path: '/spec/lifecycle', from: 'experimental', to: `v${index}` }]),
      etag: `etag-${index}`,
    }));
    await database.db.insertInto('catalog_history').values(rows).execute();
    const first = await getEntityHistory(database.db, 'component:default/orders', { limit: 2 });
    expect(first.totalItems).toBe(3);
    expect(first.items.map((item) => item.id)).toEqual(['h3', 'h2']);
    expect(first.items[0]).toMatchObject({ change: 'changed', changedAt: '2023-11-14T22:13:23.000Z', diff: [{ op: 'replace', path: '/spec/lifecycle', to: 'v3' }] });
    const second = await getEntityHistory(database.db, 'component:default/orders', { limit: 2, after: first.next! });
    expect(second.items.map((item) => item.id)).toEqual(['h1']);
    expect(second.next).toBeUndefined();
  });

  it('lists, queries and finds locations, and the location an entity came through', async () => {
    const id = await insertLocation(database.db, { type: 'url', target: SAMPLE_ORIGIN.slice('url:'.length) });
    await insertLocation(database.db, { type: 'file', target: '/srv/catalog/all.yaml', source: 'config' });
    expect((await listLocations(database.db)).map((location) => location.type).sort()).toEqual(['file', 'url']);
    expect(await findLocationByEntity(database.db, 'user:default/ada')).toEqual({ id, type: 'url', target: SAMPLE_ORIGIN.slice(4) });
    const page = await queryLocations(database.db, { filter: parsePredicate({ type: 'FILE' }), limit: 10 });
    expect(page.items.map((location) => location.target)).toEqual(['/srv/catalog/all.yaml']);
    expect(page.totalItems).toBe(1);
    const prefixed = await queryLocations(database.db, { filter: parsePredicate({ target: { $hasPrefix: 'https://git.example.com/' } }), limit: 10 });
    expect(prefixed.items.map((location) => location.id)).toEqual([id]);
    const all = await queryLocations(database.db, { limit: 1 });
    expect(all.totalItems).toBe(2);
    const rest = await queryLocations(database.db, { limit: 1, afterId: all.nextAfterId! });
    expect([...all.items, ...rest.items].map((location) => location.id).sort()).toEqual((await listLocations(database.db)).map((l) => l.id).sort());
  });
});
