import path from 'node:path';
import { testDatabaseIds } from '@portico/server/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { component, createHarness, yamlDocs, type Harness } from './test-fixtures/harness.js';
import { routes, startHttpServer, type TestHttpServer } from './test-fixtures/http-server.js';

describe.each(testDatabaseIds())('what the API asks of ingestion (%s)', (dialect) => {
  let harness: Harness;
  let web: TestHttpServer;
  beforeAll(async () => {
    web = await startHttpServer(routes({ '/repo/catalog-info.yaml': yamlDocs(component('from-web')) }));
  });
  afterAll(async () => web.close());
  afterEach(async () => harness?.close());

  async function withFile(options: Parameters<typeof createHarness>[1] = {}): Promise<string> {
    harness = await createHarness(dialect, { ...options, catalog: { locations: [{ type: 'file', target: './catalog-info.yaml' }], ...options.catalog } });
    const file = harness.write('catalog-info.yaml', yamlDocs(component('kept'), component('deleted-by-hand')));
    await harness.ingestion.start();
    await harness.ingestion.refreshAllNow();
    return file;
  }

  it('deletes an entity by uid; one its file still emits comes back at the next refresh', async () => {
    await withFile();
    const row = await harness.row('component:default/deleted-by-hand');
    await harness.ingestion.deleteEntity(row?.entity_id ?? '');
    expect(await harness.refs()).toEqual(['component:default/kept']);
    expect(await harness.takeEvents()).toContain('removed component:default/deleted-by-hand');
    const removed = await harness.db.selectFrom('catalog_history').select('source_key').where('change', '=', 'removed').execute();
    expect(removed).toEqual([{ source_key: 'api' }]);
    await harness.ingestion.refreshAllNow();
    expect(await harness.refs()).toEqual(['component:default/deleted-by-hand', 'component:default/kept']);
    await expect(harness.ingestion.deleteEntity('no-such-uid')).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('refreshes the location of one entity now', async () => {
    const file = await withFile();
    harness.write('catalog-info.yaml', yamlDocs(component('kept', '  system: refreshed'), component('deleted-by-hand')));
    await harness.ingestion.refreshEntity('Component:default/kept');
    expect((await harness.entity('component:default/kept'))?.spec?.system).toBe('refreshed');
    expect((await harness.location('file', file))?.last_refreshed_at).toBeGreaterThan(0);
    await expect(harness.ingestion.refreshEntity('component:default/nope')).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('validates an entity without storing it', async () => {
    await withFile();
    const valid = await harness.ingestion.validateEntity({ apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'x' }, spec: { type: 'service', lifecycle: 'production', owner: 'team-a' } }, 'url:https://example.com/catalog-info.yaml');
    expect(valid).toEqual({ valid: true });
    const invalid = await harness.ingestion.validateEntity({ apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'x' }, spec: { type: 'service' } }, 'url:https://example.com/catalog-info.yaml');
    expect(invalid).toEqual({
      valid: false,
      errors: [
        { name: 'InputError', message: 'component:default/x: spec.lifecycle is required (e.g. experimental, production or deprecated) (rule required)' },
        { name: 'InputError', message: 'component:default/x: spec.owner is required (a ref to the group or user that owns it, e.g. "group:team-a") (rule required)' },
      ],
    });
    expect(await harness.refs()).toEqual(['component:default/deleted-by-hand', 'component:default/kept']);
    await expect(harness.ingestion.validateEntity({}, 'nonsense')).rejects.toMatchObject({ name: 'InputError' });
  });

  it('analyzes a location: the entities of its catalog file, or a component to start from', async () => {
    harness = await createHarness(dialect, { root: { backend: { reading: { allow: [{ host: web.host }] } } } });
    const existing = await harness.ingestion.analyzeLocation({ type: 'url', target: `${web.url}/repo` });
    expect(existing.generateEntities).toEqual([]);
    expect(existing.existingEntityFiles).toMatchObject([{ location: { type: 'url', target: `${web.url}/repo/catalog-info.yaml` }, isRegistered: false, entity: { metadata: { name: 'from-web' } } }]);
    const missing = await harness.ingestion.analyzeLocation({ type: 'url', target: `${web.url}/other-repo` });
    expect(missing).toEqual({
      existingEntityFiles: [],
      generateEntities: [
        {
          entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'other-repo' }, spec: { type: 'service', lifecycle: 'production' } },
          fields: [
            { field: 'metadata.name', value: 'other-repo', state: 'analysisSuggestedValue', description: 'The name of the component, taken from the repository' },
            { field: 'spec.owner', value: null, state: 'needsUserInput', description: 'The group or user that owns the component' },
          ],
        },
      ],
    });
    expect(await harness.refs()).toEqual([]);
  });

  it('refuses changes when the catalog is read-only', async () => {
    await withFile({ catalog: { readonly: true } });
    const row = await harness.row('component:default/kept');
    await expect(harness.ingestion.deleteEntity(row?.entity_id ?? '')).rejects.toThrow('The catalog is read-only (catalog.readonly): entities cannot be deleted');
    await expect(harness.ingestion.registerLocation({ type: 'url', target: `${web.url}/repo/catalog-info.yaml` }, { dryRun: false })).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('substitutes $text, $json and $yaml relative to the file; a failed one is that entity\'s error', async () => {
    harness = await createHarness(dialect, { catalog: { locations: [{ type: 'file', target: './apis/catalog-info.yaml' }] } });
    harness.write('apis/spec/openapi.yaml', 'openapi: 3.0.0\n');
    harness.write('apis/meta.json', '{"owner": "team-json"}');
    harness.write('apis/links.yaml', '- url: https://example.com\n  title: Home\n');
    const api = (name: string, definition: string) => `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: ${name}
  links:
    $yaml: ./links.yaml
spec:
  type: openapi
  lifecycle: production
  owner: team-a
  definition:
    $text: ${definition}`;
    const file = harness.write('apis/catalog-info.yaml', yamlDocs(api('good-api', './spec/openapi.yaml'), api('bad-api', './spec/missing.yaml')));
    await harness.ingestion.start();
    await harness.ingestion.refreshAllNow();
    const good = await harness.entity('api:default/good-api');
    expect(good?.spec?.definition).toBe('openapi: 3.0.0\n');
    expect(good?.metadata.links).toEqual([{ url: 'https://example.com', title: 'Home' }]);
    expect(await harness.refs()).toEqual(['api:default/good-api']);
    expect((await harness.location('file', file))?.last_error).toBe(
      `${file}:25:5: api:default/bad-api: spec.definition $text ./spec/missing.yaml could not be substituted: File ${path.join(harness.dir, 'apis/spec/missing.yaml')} does not exist (rule substitution)`,
    );
  });

  it('removes the entities of a configured location dropped from the config, at start', async () => {
    await withFile();
    const database = harness.database;
    await harness.ingestion.stop();
    const second = await createHarness(dialect, { database, catalog: { locations: [] } });
    try {
      await second.ingestion.start();
      expect(await second.refs()).toEqual([]);
      expect(await second.db.selectFrom('catalog_locations').selectAll().execute()).toEqual([]);
    } finally {
      await second.close();
    }
  });
});
