import { testDatabaseIds } from '@portico/server/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { component, createHarness, yamlDocs, type Harness } from './test-fixtures/harness.js';

const group = (name: string) => `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: ${name}
spec:
  type: team
  children: []`;

const allowOrg = { rules: [{ allow: ['Component', 'API', 'Location', 'Group', 'User', 'System'] }] };

describe.each(testDatabaseIds())('ingestion of file locations (%s)', (dialect) => {
  let harness: Harness;
  afterEach(async () => harness?.close());

  it('stores entities with uid, etag, annotations and relations in both directions', async () => {
    harness = await createHarness(dialect, { catalog: { ...allowOrg, locations: [{ type: 'file', target: './catalog-info.yaml' }] } });
    const file = harness.write('catalog-info.yaml', yamlDocs(component('orders'), group('team-a')));
    await harness.ingestion.start();
    await harness.ingestion.refreshAllNow();

    expect(await harness.refs()).toEqual(['component:default/orders', 'group:default/team-a']);
    const orders = await harness.entity('component:default/orders');
    const row = await harness.row('component:default/orders');
    expect(orders?.metadata.uid).toBe(row?.entity_id);
    expect(orders?.metadata.etag).toBe(row?.etag);
    expect(orders?.metadata.annotations).toEqual({
      'backstage.io/managed-by-location': `file:${file}`,
      'backstage.io/managed-by-origin-location': `file:${file}`,
    });
    expect(orders?.relations).toEqual([{ type: 'ownedBy', targetRef: 'group:default/team-a' }]);
    expect((await harness.entity('group:default/team-a'))?.relations).toEqual([{ type: 'ownerOf', targetRef: 'component:default/orders' }]);
    expect(orders?.status).toBeUndefined();

    const search = await harness.db.selectFrom('catalog_search').select(['key', 'value']).where('entity_id', '=', row?.entity_id ?? '').execute();
    expect(search).toEqual(expect.arrayContaining([{ key: 'kind', value: 'component' }, { key: 'relations.ownedby', value: 'group:default/team-a' }]));
    const history = await harness.db.selectFrom('catalog_history').selectAll().orderBy('entity_ref').execute();
    expect(history.map((entry) => [entry.entity_ref, entry.change, entry.source_key])).toEqual([
      ['component:default/orders', 'added', `location:file:${file}`],
      ['group:default/team-a', 'added', `location:file:${file}`],
    ]);
    expect(await harness.takeEvents()).toEqual(['added component:default/orders', 'added group:default/team-a']);
    const location = await harness.location('file', file);
    expect(location?.last_error).toBeNull();
    expect(location?.source).toBe('config');
  });

  it('records a change with a JSON diff, re-stitches the other side, and skips an unchanged file', async () => {
    harness = await createHarness(dialect, { catalog: { ...allowOrg, locations: [{ type: 'file', target: './catalog-info.yaml' }] } });
    harness.write('catalog-info.yaml', yamlDocs(component('orders'), group('team-a'), group('team-b')));
    await harness.ingestion.start();
    await harness.ingestion.refreshAllNow();
    const before = await harness.entity('component:default/orders');
    await harness.takeEvents();

    harness.write('catalog-info.yaml', yamlDocs(component('orders').replace('group:team-a', 'group:team-b'), group('team-a'), group('team-b')));
    await harness.ingestion.refreshAllNow();
    const after = await harness.entity('component:default/orders');
    expect(after?.metadata.uid).toBe(before?.metadata.uid);
    expect(after?.metadata.etag).not.toBe(before?.metadata.etag);
    expect(after?.relations).toEqual([{ type: 'ownedBy', targetRef: 'group:default/team-b' }]);
    expect((await harness.entity('group:default/team-a'))?.relations).toEqual([]);
    expect((await harness.entity('group:default/team-b'))?.relations).toEqual([{ type: 'ownerOf', targetRef: 'component:default/orders' }]);

    const changes = await harness.db.selectFrom('catalog_history').selectAll().where('change', '=', 'changed').where('entity_ref', '=', 'component:default/orders').execute();
    expect(changes).toHaveLength(1);
    expect(JSON.parse(changes[0]?.diff ?? '[]')).toEqual([
      { op: 'replace', path: '/spec/owner', from: 'group:team-a', to: 'group:team-b' },
      { op: 'replace', path: '/relations/0/targetRef', from: 'group:default/team-a', to: 'group:default/team-b' },
    ]);
    expect(await harness.takeEvents()).toEqual([
      'changed component:default/orders',
      'changed group:default/team-a',
      'changed group:default/team-b',
    ]);

    const historyCount = (await harness.db.selectFrom('catalog_history').select('id').execute()).length;
    await harness.ingestion.refreshAllNow();
    expect(await harness.takeEvents()).toEqual([]);
    expect((await harness.db.selectFrom('catalog_history').select('id').execute()).length).toBe(historyCount);
  });

  it('stops mid-refresh without losing anything, and finishes the location later', async () => {
    const targets = Array.from({ length: 150 }, (_, index) => `./part-${index}.yaml`);
    harness = await createHarness(dialect, { catalog: { locations: [{ type: 'file', target: './root.yaml' }] } });
    harness.write('root.yaml', yamlDocs(`apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: root
spec:
  targets: [${targets.join(', ')}]`));
    targets.forEach((_, index) => harness.write(`part-${index}.yaml`, yamlDocs(...Array.from({ length: 20 }, (_, item) => component(`p-${index}-${item}`)))));
    await harness.ingestion.start();
    while ((await harness.refs()).length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await harness.ingestion.stop();
    expect((await harness.refs()).length).toBeLessThan(3001);
    const location = await harness.db.selectFrom('catalog_locations').selectAll().executeTakeFirstOrThrow();
    expect(location.lease_owner).toBeNull();
    expect(location.next_refresh_at).toBeLessThanOrEqual(Date.now());
    await harness.ingestion.refreshAllNow();
    expect(await harness.refs()).toHaveLength(3001);
    expect((await harness.db.selectFrom('catalog_locations').select('last_error').executeTakeFirstOrThrow()).last_error).toBeNull();
  });

  it('refuses a chain of locations deeper than the limit, and keeps what it read', async () => {
    harness = await createHarness(dialect, { catalog: { locations: [{ type: 'file', target: './chain-0.yaml' }], limits: { maxLocationDepth: 5 } } });
    for (let index = 0; index < 8; index++) {
      harness.write(`chain-${index}.yaml`, yamlDocs(`apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: chain-${index}
spec:
  target: ./chain-${index + 1}.yaml`, component(`link-${index}`)));
    }
    await harness.ingestion.start();
    await harness.ingestion.refreshAllNow();
    expect((await harness.refs()).filter((ref) => ref.startsWith('component:'))).toEqual([0, 1, 2, 3, 4].map((index) => `component:default/link-${index}`));
    expect((await harness.db.selectFrom('catalog_locations').select('last_error').executeTakeFirstOrThrow()).last_error).toBe(
      `${harness.dir}/chain-4.yaml: ${harness.dir}/chain-5.yaml is more than 5 locations deep (catalog.limits.maxLocationDepth)`,
    );
  });

  it('cannot be used to pollute prototypes', async () => {
    harness = await createHarness(dialect, { catalog: { locations: [{ type: 'file', target: './catalog-info.yaml' }] } });
    harness.write('catalog-info.yaml', yamlDocs(component('proto', '  __proto__:\n    polluted: true\n  constructor:\n    prototype:\n      polluted: true')));
    await harness.ingestion.start();
    await harness.ingestion.refreshAllNow();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const entity = await harness.entity('component:default/proto');
    expect(Object.getOwnPropertyNames(entity?.spec)).toContain('__proto__');
  });
});
