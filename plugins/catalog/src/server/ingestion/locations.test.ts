import path from 'node:path';
import { testDatabaseIds } from '@portico/server/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startGitServer, type TestGitServer } from './test-fixtures/git-http-server.js';
import { component, createHarness, yamlDocs, type Harness } from './test-fixtures/harness.js';
import { routes, startHttpServer, type TestHttpServer } from './test-fixtures/http-server.js';

const location = (name: string, targets: string[], type?: string) => `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: ${name}
spec:
${type ? `  type: ${type}\n` : ''}  targets: [${targets.map((target) => JSON.stringify(target)).join(', ')}]`;

describe.each(testDatabaseIds())('locations of every type (%s)', (dialect) => {
  let harness: Harness;
  let web: TestHttpServer;
  let other: TestHttpServer;
  let git: TestGitServer;

  beforeAll(async () => {
    other = await startHttpServer(routes({ '/secret.yaml': yamlDocs(component('secret')) }));
    web = await startHttpServer(
      routes({
        '/org/catalog-info.yaml': yamlDocs(location('web-root', ['./teams/a.yaml', 'b.yaml']), component('web-root-service')),
        '/org/teams/a.yaml': yamlDocs(component('web-a')),
        '/org/b.yaml': yamlDocs(component('web-b', '  providesApis: [web-api]'), `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: web-api
spec:
  type: openapi
  lifecycle: production
  owner: group:team-a
  definition:
    $text: ./openapi.yaml`),
        '/org/openapi.yaml': 'openapi: 3.0.0\n',
        '/redirect.yaml': (_request, response) => response.writeHead(302, { location: `${other.url}/secret.yaml` }).end(),
        '/local-file.yaml': yamlDocs(location('sneaky', ['/etc/hosts'], 'file')),
        '/etag/catalog-info.yaml': (request, response) => {
          if (request.headers['if-none-match'] === '"one"') response.writeHead(304).end();
          else response.writeHead(200, { etag: '"one"' }).end(yamlDocs(component('etagged')));
        },
      }),
    );
    git = await startGitServer();
    git.commit('platform', {
      'catalog-info.yaml': yamlDocs(location('git-root', ['./services/*.yaml']), component('git-root-service')),
      'services/one.yaml': yamlDocs(component('git-one')),
      'services/two.yaml': yamlDocs(component('git-two', '  dependsOn: [component:git-one]')),
    });
  });
  afterAll(async () => {
    await web.close();
    await other.close();
    await git.close();
  });
  afterEach(async () => harness?.close());

  const reading = () => ({ backend: { reading: { allow: [{ host: web.host }, { host: git.host }] } } });

  it('reads a URL location and the URLs its Location entities point at, relative to each file', async () => {
    harness = await createHarness(dialect, { root: reading() });
    const result = await harness.ingestion.registerLocation({ type: 'url', target: `${web.url}/org/catalog-info.yaml` }, { dryRun: false });
    expect(result.entities.map((entity) => entity.metadata.name).sort()).toEqual(['web-a', 'web-api', 'web-b', 'web-root', 'web-root-service']);
    expect(await harness.refs()).toEqual(['api:default/web-api', 'component:default/web-a', 'component:default/web-b', 'component:default/web-root-service', 'location:default/web-root']);
    const api = await harness.entity('api:default/web-api');
    expect(api?.spec?.definition).toBe('openapi: 3.0.0\n');
    expect(api?.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location': `url:${web.url}/org/b.yaml`,
      'backstage.io/managed-by-origin-location': `url:${web.url}/org/catalog-info.yaml`,
      'backstage.io/view-url': `${web.url}/org/b.yaml`,
      'backstage.io/source-location': `url:${web.url}/org/`,
    });
    expect(api?.relations).toEqual([
      { type: 'apiProvidedBy', targetRef: 'component:default/web-b' },
      { type: 'ownedBy', targetRef: 'group:default/team-a' },
    ]);
    expect((await harness.location('url', `${web.url}/org/catalog-info.yaml`))?.last_error).toBeNull();
  });

  it('asks for a URL with its ETag on the next refresh and keeps the entities on a 304', async () => {
    harness = await createHarness(dialect, { root: reading() });
    await harness.ingestion.registerLocation({ type: 'url', target: `${web.url}/etag/catalog-info.yaml` }, { dryRun: false });
    const before = await harness.entity('component:default/etagged');
    await harness.ingestion.refreshAllNow();
    const asked = web.requests.filter((request) => request.url === '/etag/catalog-info.yaml').map((request) => request.headers['if-none-match'] ?? null);
    expect(asked).toEqual([null, '"one"']);
    expect(await harness.entity('component:default/etagged')).toEqual(before);
  });

  it('refuses to register an unreachable URL, a host that is not allowed, or a redirect to one', async () => {
    harness = await createHarness(dialect, { root: reading() });
    const closed = await startHttpServer(routes({}));
    await closed.close();
    const allowClosed = await createHarness(dialect, { root: { backend: { reading: { allow: [{ host: closed.host }] } } } });
    try {
      await expect(allowClosed.ingestion.registerLocation({ type: 'url', target: `${closed.url}/catalog-info.yaml` }, { dryRun: false })).rejects.toMatchObject({
        name: 'ServiceUnavailableError',
        message: `Could not reach ${closed.url}/catalog-info.yaml: ECONNREFUSED`,
      });
    } finally {
      await allowClosed.close();
    }
    await expect(harness.ingestion.registerLocation({ type: 'url', target: `${other.url}/secret.yaml` }, { dryRun: false })).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: `Reading ${other.url}/secret.yaml is not allowed: host ${other.host} is not in backend.reading.allow (add { host: '${other.host}' }) or under integrations`,
    });
    await expect(harness.ingestion.registerLocation({ type: 'url', target: `${web.url}/redirect.yaml` }, { dryRun: false })).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: `${web.url}/redirect.yaml redirected to ${other.url}/secret.yaml, which may not be read: Reading ${other.url}/secret.yaml is not allowed: host ${other.host} is not in backend.reading.allow (add { host: '${other.host}' }) or under integrations`,
    });
    expect(await harness.refs()).toEqual([]);
    expect(await harness.db.selectFrom('catalog_locations').selectAll().execute()).toEqual([]);
  });

  it('never lets a URL location lead to local files, and refuses to register file locations', async () => {
    harness = await createHarness(dialect, { root: reading() });
    await harness.ingestion.registerLocation({ type: 'url', target: `${web.url}/local-file.yaml` }, { dryRun: false });
    expect(await harness.refs()).toEqual(['location:default/sneaky']);
    expect((await harness.location('url', `${web.url}/local-file.yaml`))?.last_error).toBe(
      `${web.url}/local-file.yaml:6:3: location:default/sneaky: spec.target /etc/hosts: A location read from a URL cannot point at local files (/etc/hosts) (rule locationTarget)`,
    );
    await expect(harness.ingestion.registerLocation({ type: 'file', target: '/etc/hosts' }, { dryRun: false })).rejects.toThrow(
      'Locations of type file cannot be registered; allowed types: url, git (catalog.allowedLocationTypes)',
    );
  });

  it('reads a git location at a branch, with globs and relative targets inside the repository', async () => {
    harness = await createHarness(dialect, { root: reading() });
    const target = `${git.repoUrl('platform')}#main:catalog-info.yaml`;
    await harness.ingestion.registerLocation({ type: 'git', target }, { dryRun: false });
    expect(await harness.refs()).toEqual(['component:default/git-one', 'component:default/git-root-service', 'component:default/git-two', 'location:default/git-root']);
    const two = await harness.entity('component:default/git-two');
    expect(two?.metadata.annotations?.['backstage.io/managed-by-location']).toBe(`git:${git.repoUrl('platform')}#main:services/two.yaml`);
    expect((await harness.entity('component:default/git-one'))?.relations).toEqual([
      { type: 'dependencyOf', targetRef: 'component:default/git-two' },
      { type: 'ownedBy', targetRef: 'group:default/team-a' },
    ]);

    git.commit('platform', {
      'catalog-info.yaml': yamlDocs(location('git-root', ['./services/*.yaml']), component('git-root-service')),
      'services/one.yaml': yamlDocs(component('git-one', '  system: platform')),
    });
    await harness.ingestion.refreshAllNow();
    expect(await harness.refs()).toEqual(['component:default/git-one', 'component:default/git-root-service', 'location:default/git-root']);
    expect((await harness.entity('component:default/git-one'))?.spec?.system).toBe('platform');
  });

  it('says clearly that a git repository does not exist, and stores nothing', async () => {
    harness = await createHarness(dialect, { root: reading() });
    await expect(harness.ingestion.registerLocation({ type: 'git', target: `${git.repoUrl('nope')}#main:catalog-info.yaml` }, { dryRun: false })).rejects.toMatchObject({
      name: 'NotFoundError',
      message: `Git repository ${git.url}/nope.git was not found`,
    });
    expect(await harness.db.selectFrom('catalog_locations').selectAll().execute()).toEqual([]);
  });

  it('reads a configured file:// git repository', async () => {
    harness = await createHarness(dialect, { catalog: { locations: [{ type: 'git', target: `${git.fileUrl('platform')}#main:services/one.yaml` }] } });
    await harness.ingestion.start();
    await harness.ingestion.refreshAllNow();
    expect(await harness.refs()).toEqual(['component:default/git-one']);
  });

  it('reads file globs relative to the config folder', async () => {
    harness = await createHarness(dialect, { catalog: { locations: [{ type: 'file', target: './services/**/catalog-info.yaml' }] } });
    harness.write('services/a/catalog-info.yaml', yamlDocs(component('glob-a')));
    harness.write('services/b/c/catalog-info.yaml', yamlDocs(component('glob-c')));
    harness.write('services/b/other.yaml', yamlDocs(component('not-matched')));
    await harness.ingestion.start();
    await harness.ingestion.refreshAllNow();
    expect(await harness.refs()).toEqual(['component:default/glob-a', 'component:default/glob-c']);
    expect((await harness.entity('component:default/glob-c'))?.metadata.annotations?.['backstage.io/managed-by-origin-location']).toBe(
      `file:${path.join(harness.dir, 'services/**/catalog-info.yaml')}`,
    );
  });

  it('reports a location that includes itself, directly or through a cycle, and keeps everything else', async () => {
    harness = await createHarness(dialect, { catalog: { locations: [{ type: 'file', target: './a.yaml' }] } });
    const a = harness.write('a.yaml', yamlDocs(location('a', ['./a.yaml', './b.yaml']), component('from-a')));
    const b = harness.write('b.yaml', yamlDocs(location('b', ['./a.yaml']), component('from-b')));
    await harness.ingestion.start();
    await harness.ingestion.refreshAllNow();
    expect(await harness.refs()).toEqual(['component:default/from-a', 'component:default/from-b', 'location:default/a', 'location:default/b']);
    expect((await harness.location('file', a))?.last_error?.split('\n')).toEqual([
      `${a}: location file:${a} leads back to ${a}, which includes it (${a} → ${a}); a location cannot include itself (rule locationLoop)`,
      `${b}: location file:${a} leads back to ${a}, which includes it (${a} → ${b} → ${a}); a location cannot include itself (rule locationLoop)`,
    ]);
  });

  it('reads a file two locations lead to once (no loop)', async () => {
    harness = await createHarness(dialect, { catalog: { locations: [{ type: 'file', target: './root.yaml' }] } });
    harness.write('root.yaml', yamlDocs(location('root', ['./left.yaml', './right.yaml'])));
    harness.write('left.yaml', yamlDocs(location('left', ['./shared.yaml'])));
    harness.write('right.yaml', yamlDocs(location('right', ['./shared.yaml'])));
    harness.write('shared.yaml', yamlDocs(component('shared')));
    await harness.ingestion.start();
    await harness.ingestion.refreshAllNow();
    expect(await harness.refs()).toContain('component:default/shared');
    expect((await harness.location('file', path.join(harness.dir, 'root.yaml')))?.last_error).toBeNull();
  });

  it('removes a registered location with everything it led to, nested locations included', async () => {
    harness = await createHarness(dialect, { root: reading() });
    const { location: registered } = await harness.ingestion.registerLocation({ type: 'url', target: `${web.url}/org/catalog-info.yaml` }, { dryRun: false });
    await harness.ingestion.registerLocation({ type: 'git', target: `${git.repoUrl('platform')}#main:services/one.yaml` }, { dryRun: false });
    await harness.takeEvents();
    await harness.ingestion.removeLocation(registered.id);
    expect(await harness.refs()).toEqual(['component:default/git-one']);
    expect(await harness.takeEvents()).toEqual([
      'removed api:default/web-api',
      'removed component:default/web-a',
      'removed component:default/web-b',
      'removed component:default/web-root-service',
      'removed location:default/web-root',
    ]);
    const removed = await harness.db.selectFrom('catalog_history').select(['entity_ref', 'source_key']).where('change', '=', 'removed').orderBy('entity_ref').execute();
    expect(removed[0]).toEqual({ entity_ref: 'api:default/web-api', source_key: `url:${web.url}/org/catalog-info.yaml` });
    await expect(harness.ingestion.removeLocation(registered.id)).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('answers a dry run with the entities without storing them, and refuses a second registration', async () => {
    harness = await createHarness(dialect, { root: reading() });
    const target = `${web.url}/org/teams/a.yaml`;
    const dry = await harness.ingestion.registerLocation({ type: 'url', target }, { dryRun: true });
    expect(dry).toMatchObject({ location: { id: '', type: 'url', target }, exists: false });
    expect(dry.entities.map((entity) => entity.metadata.name)).toEqual(['web-a']);
    expect(await harness.refs()).toEqual([]);
    await harness.ingestion.registerLocation({ type: 'url', target }, { dryRun: false });
    await expect(harness.ingestion.registerLocation({ type: 'url', target }, { dryRun: false })).rejects.toMatchObject({ name: 'ConflictError' });
    expect((await harness.ingestion.registerLocation({ type: 'url', target }, { dryRun: true })).exists).toBe(true);
  });

  it('cannot remove a configured location through the API', async () => {
    harness = await createHarness(dialect, { catalog: { locations: [{ type: 'file', target: './a.yaml' }] } });
    harness.write('a.yaml', yamlDocs(component('configured')));
    await harness.ingestion.start();
    const row = await harness.db.selectFrom('catalog_locations').selectAll().executeTakeFirstOrThrow();
    await expect(harness.ingestion.removeLocation(row.id)).rejects.toThrow(
      `Location file:${path.join(harness.dir, 'a.yaml')} comes from the configuration (catalog.locations); remove it there`,
    );
  });
});
