import fs from 'node:fs';
import path from 'node:path';
import { testDatabaseIds } from '@portico/server/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { component, createHarness, yamlDocs, type Harness } from './test-fixtures/harness.js';

/**
 * Each bad input gets a clear error naming the file, line and rule, and nothing else is lost:
 * the good file beside it is stored, and entities stored before keep their last good version.
 */
describe.each(testDatabaseIds())('bad input (%s)', (dialect) => {
  let harness: Harness;
  afterEach(async () => harness?.close());

  /** catalog-info.yaml points at good.yaml and bad.yaml; returns bad.yaml's path. */
  async function setUp(bad: string | null): Promise<string> {
    harness = await createHarness(dialect, { catalog: { locations: [{ type: 'file', target: './catalog-info.yaml' }] } });
    harness.write('catalog-info.yaml', yamlDocs(`apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: root
spec:
  targets: [./good.yaml, ./bad.yaml]`));
    harness.write('good.yaml', yamlDocs(component('good-one'), component('good-two')));
    const badFile = path.join(harness.dir, 'bad.yaml');
    if (bad !== null) fs.writeFileSync(badFile, bad);
    await harness.ingestion.start();
    return badFile;
  }

  async function lastError(): Promise<string | null> {
    const row = await harness.db.selectFrom('catalog_locations').select('last_error').executeTakeFirstOrThrow();
    return row.last_error;
  }

  async function expectGoodEntitiesKept(): Promise<void> {
    expect(await harness.refs()).toEqual(expect.arrayContaining(['component:default/good-one', 'component:default/good-two', 'location:default/root']));
    expect((await harness.entity('component:default/good-one'))?.status).toBeUndefined();
  }

  it('malformed YAML: the error names the line and column; the file\'s entities are kept', async () => {
    const file = await setUp(yamlDocs(component('bad-one')));
    await harness.ingestion.refreshAllNow();
    const before = await harness.entity('component:default/bad-one');
    fs.writeFileSync(file, yamlDocs(component('bad-one'), 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: [broken\n  title: x'));
    await harness.ingestion.refreshAllNow();
    expect(await lastError()).toBe(`${file}:14:3: invalid YAML (document 2): Flow sequence in block collection must be sufficiently indented and end with a ]`);
    expect(await harness.entity('component:default/bad-one')).toEqual(before);
    await expectGoodEntitiesKept();
  });

  it('a YAML alias bomb fails fast with a clear error', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 12; level++) {
      levels.push(`${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(9).fill(`*${String.fromCharCode(96 + level)}`).join(',')}]`);
    }
    const text = `${levels.join('\n')}\n`;
    const file = await setUp(text);
    const started = performance.now();
    await harness.ingestion.refreshAllNow();
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(await lastError()).toBe(`${file}: its aliases expand to more than ${text.length * 2 + 100_000} nodes, which looks like a YAML alias bomb (catalog.limits.maxAliasExpansion)`);
    await expectGoodEntitiesKept();
  });

  it('a 50 MB file is refused by its size, before it is read', async () => {
    const file = await setUp(null);
    fs.writeFileSync(file, '');
    fs.truncateSync(file, 50 * 1024 * 1024);
    await harness.ingestion.refreshAllNow();
    expect(await lastError()).toBe(`File ${file} is 52428800 bytes, more than the limit of 10485760 bytes (catalog.limits.maxFileBytes)`);
    await expectGoodEntitiesKept();
  });

  it('a deeply nested document gets a depth error, not a stack overflow', async () => {
    const file = await setUp(`${component('deep')}\n  nested: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`);
    await harness.ingestion.refreshAllNow();
    expect(await lastError()).toMatch(new RegExp(`^${escape(file)}:10:\\d+: the YAML nests deeper than 100 levels \\(catalog.limits.maxDepth\\)$`));
    await expectGoodEntitiesKept();
  });

  it('invalid names and refs: each entity gets its own error, the others are stored', async () => {
    const file = await setUp(yamlDocs(component('-bad-name-'), component('bad-owner').replace('owner: group:team-a', 'owner: "group:"'), component('fine')));
    await harness.ingestion.refreshAllNow();
    expect((await lastError())?.split('\n')).toEqual([
      `${file}:4:9: component:default/-bad-name-: metadata.name "-bad-name-" is not a valid entity name: use 1–63 characters: letters, digits, "-", "_" and ".", starting and ending with a letter or digit (rule entityName)`,
      `${file}:17:10: component:default/bad-owner: spec.owner is not a valid entity ref: Entity ref "group:" has no name; write it as [kind:][namespace/]name, e.g. "component:default/my-service" (rule entityRef)`,
    ]);
    expect(await harness.refs()).toContain('component:default/fine');
    await expectGoodEntitiesKept();
  });

  it('an unknown kind is rejected with the kinds this catalog knows', async () => {
    const file = await setUp(yamlDocs('apiVersion: backstage.io/v1alpha1\nkind: Widget\nmetadata:\n  name: w\nspec: {}'));
    await harness.ingestion.refreshAllNow();
    expect(await lastError()).toBe(
      `${file}:2:7: widget:default/w: kind "Widget" (apiVersion backstage.io/v1alpha1) is not a kind this catalog knows; known kinds are API, Component, Domain, Group, Location, Resource, System, Template, User (a plugin can add kinds, or the catalog configuration can allow more) (rule unknownKind)`,
    );
    await expectGoodEntitiesKept();
  });

  it('a kind the location\'s rules forbid is rejected', async () => {
    const file = await setUp(yamlDocs('apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: mallory\nspec:\n  memberOf: [admins]'));
    await harness.ingestion.refreshAllNow();
    expect(await lastError()).toBe(
      `${file}:2:7: user:default/mallory: kind User is not allowed from location file:${path.join(harness.dir, 'catalog-info.yaml')}; it may hold Component, API, Location (catalog.rules) (rule catalogRules)`,
    );
    expect(await harness.refs()).not.toContain('user:default/mallory');
    await expectGoodEntitiesKept();
  });

  it('an entity that breaks keeps its last good version, with the problem in its status', async () => {
    const file = await setUp(yamlDocs(component('flaky')));
    await harness.ingestion.refreshAllNow();
    const good = await harness.entity('component:default/flaky');
    fs.writeFileSync(file, yamlDocs(component('flaky').replace('  lifecycle: production\n', '')));
    await harness.ingestion.refreshAllNow();
    const kept = await harness.entity('component:default/flaky');
    const message = `${file}:6:3: component:default/flaky: spec.lifecycle is required (e.g. experimental, production or deprecated) (rule required)`;
    expect(kept?.spec).toEqual(good?.spec);
    expect(kept?.status).toEqual({ items: [{ type: 'backstage.io/catalog-processing', level: 'error', message, error: { name: 'InputError', message } }] });
    expect(await lastError()).toBeNull();
    await expectGoodEntitiesKept();

    fs.writeFileSync(file, yamlDocs(component('flaky')));
    await harness.ingestion.refreshAllNow();
    expect((await harness.entity('component:default/flaky'))?.status).toBeUndefined();
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
