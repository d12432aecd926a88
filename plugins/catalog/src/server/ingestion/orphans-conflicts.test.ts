import fs from 'node:fs';
import { testDatabaseIds } from '@portico/server/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { component, createHarness, yamlDocs, type Harness } from './test-fixtures/harness.js';

const location = (name: string, targets: string[]) => `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: ${name}
spec:
  targets: [${targets.join(', ')}]`;

describe.each(testDatabaseIds())('orphans (%s)', (dialect) => {
  let harness: Harness;
  afterEach(async () => harness?.close());

  async function start(orphanStrategy: 'keep' | 'delete'): Promise<void> {
    harness = await createHarness(dialect, { catalog: { orphanStrategy, locations: [{ type: 'file', target: './root.yaml' }] } });
    harness.write('root.yaml', yamlDocs(location('root', ['./a.yaml', './b.yaml']), component('in-root')));
    harness.write('a.yaml', yamlDocs(component('a-one'), component('a-two')));
    harness.write('b.yaml', yamlDocs(component('b-one')));
    await harness.ingestion.start();
    await harness.ingestion.refreshAllNow();
    await harness.takeEvents();
  }

  it('deletes what a location no longer emits (strategy delete, the default)', async () => {
    await start('delete');
    harness.write('a.yaml', yamlDocs(component('a-one')));
    harness.write('root.yaml', yamlDocs(location('root', ['./a.yaml']), component('in-root')));
    await harness.ingestion.refreshAllNow();
    expect(await harness.refs()).toEqual(['component:default/a-one', 'component:default/in-root', 'location:default/root']);
    expect(await harness.takeEvents()).toEqual(['changed location:default/root', 'removed component:default/a-two', 'removed component:default/b-one']);
    const removed = await harness.db.selectFrom('catalog_history').select(['entity_ref', 'diff']).where('change', '=', 'removed').orderBy('entity_ref').execute();
    expect(removed.map((entry) => entry.entity_ref)).toEqual(['component:default/a-two', 'component:default/b-one']);
    expect(JSON.parse(removed[0]?.diff ?? '[]')).toContainEqual({ op: 'remove', path: '/kind', from: 'Component' });
  });

  it('marks orphans and keeps them (strategy keep), and adopts them again when emitted', async () => {
    await start('keep');
    harness.write('a.yaml', yamlDocs(component('a-one')));
    await harness.ingestion.refreshAllNow();
    const orphan = await harness.entity('component:default/a-two');
    expect(orphan?.metadata.annotations?.['backstage.io/orphan']).toBe('true');
    expect((await harness.row('component:default/a-two'))?.orphan).toBe(1);
    expect(await harness.takeEvents()).toEqual(['changed component:default/a-two']);

    await harness.ingestion.refreshAllNow();
    expect(await harness.takeEvents()).toEqual([]);

    harness.write('a.yaml', yamlDocs(component('a-one'), component('a-two')));
    await harness.ingestion.refreshAllNow();
    expect((await harness.entity('component:default/a-two'))?.metadata.annotations?.['backstage.io/orphan']).toBeUndefined();
    expect((await harness.row('component:default/a-two'))?.orphan).toBe(0);
  });

  it('orphans nothing when a file cannot be read or parsed, and says why on the location', async () => {
    await start('delete');
    fs.rmSync(`${harness.dir}/b.yaml`);
    harness.write('a.yaml', 'apiVersion: [\n');
    await harness.ingestion.refreshAllNow();
    expect(await harness.refs()).toEqual(['component:default/a-one', 'component:default/a-two', 'component:default/b-one', 'component:default/in-root', 'location:default/root']);
    const row = await harness.db.selectFrom('catalog_locations').select('last_error').executeTakeFirstOrThrow();
    expect(row.last_error?.split('\n')).toEqual([
      `${harness.dir}/a.yaml:2:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]`,
      `File ${harness.dir}/b.yaml does not exist`,
    ]);
  });

  it('orphans nothing when the root itself cannot be read', async () => {
    await start('delete');
    fs.rmSync(`${harness.dir}/root.yaml`);
    await harness.ingestion.refreshAllNow();
    expect(await harness.refs()).toHaveLength(5);
    const row = await harness.db.selectFrom('catalog_locations').select('last_error').executeTakeFirstOrThrow();
    expect(row.last_error).toBe(`File ${harness.dir}/root.yaml does not exist`);
  });
});

describe.each(testDatabaseIds())('conflicts (%s)', (dialect) => {
  let harness: Harness;
  afterEach(async () => harness?.close());

  it('keeps an entity with its first emitter, reports the second, never flip-flops, and hands over when the first goes', async () => {
    harness = await createHarness(dialect, { catalog: { allowedLocationTypes: ['file', 'url', 'git'] } });
    const first = harness.write('first.yaml', yamlDocs(component('shared', '  system: first'), component('only-first')));
    const second = harness.write('second.yaml', yamlDocs(component('Shared', '  system: second'), component('only-second')));
    const { location: firstLocation } = await harness.ingestion.registerLocation({ type: 'file', target: first }, { dryRun: false });
    await harness.ingestion.registerLocation({ type: 'file', target: second }, { dryRun: false });

    const expectedError = `${second}: component:default/shared: is already emitted by file:${first} (through location file:${first}); the first emitter keeps it (rule conflict)`;
    for (let round = 0; round < 3; round++) {
      expect((await harness.entity('component:default/shared'))?.spec?.system).toBe('first');
      expect((await harness.location('file', second))?.last_error).toBe(expectedError);
      expect((await harness.location('file', first))?.last_error).toBeNull();
      await harness.ingestion.refreshAllNow();
    }
    expect(await harness.refs()).toEqual(['component:default/only-first', 'component:default/only-second', 'component:default/shared']);
    const history = await harness.db.selectFrom('catalog_history').select('change').where('entity_ref', '=', 'component:default/shared').execute();
    expect(history).toEqual([{ change: 'added' }]);

    await harness.ingestion.removeLocation(firstLocation.id);
    await harness.ingestion.refreshAllNow();
    const shared = await harness.entity('component:default/shared');
    expect(shared?.spec?.system).toBe('second');
    expect(shared?.metadata.name).toBe('Shared');
    expect((await harness.location('file', second))?.last_error).toBeNull();
  });

  it('moves an entity from one file to another of the same tree without losing it for long', async () => {
    harness = await createHarness(dialect, { catalog: { locations: [{ type: 'file', target: './root.yaml' }] } });
    harness.write('root.yaml', yamlDocs(location('root', ['./a.yaml', './b.yaml'])));
    harness.write('a.yaml', yamlDocs(component('mover')));
    harness.write('b.yaml', yamlDocs(component('stays')));
    await harness.ingestion.start();
    await harness.ingestion.refreshAllNow();
    harness.write('a.yaml', '');
    harness.write('b.yaml', yamlDocs(component('stays'), component('mover', '  system: moved')));
    await harness.ingestion.refreshAllNow();
    await harness.ingestion.refreshAllNow();
    const mover = await harness.entity('component:default/mover');
    expect(mover?.spec?.system).toBe('moved');
    expect(mover?.metadata.annotations?.['backstage.io/managed-by-location']).toBe(`file:${harness.dir}/b.yaml`);
    expect((await harness.db.selectFrom('catalog_locations').select('last_error').executeTakeFirstOrThrow()).last_error).toBeNull();
  });

  it('reports the same entity twice in one file', async () => {
    harness = await createHarness(dialect, { catalog: { locations: [{ type: 'file', target: './a.yaml' }] } });
    const file = harness.write('a.yaml', yamlDocs(component('twice', '  system: one'), component('twice', '  system: two')));
    await harness.ingestion.start();
    await harness.ingestion.refreshAllNow();
    expect((await harness.entity('component:default/twice'))?.spec?.system).toBe('one');
    expect((await harness.location('file', file))?.last_error).toBe(
      `${file}: component:default/twice: is defined more than once in ${file}; the first definition is used (rule conflict)`,
    );
  });
});
