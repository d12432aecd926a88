import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseIds } from '@portico/server/testing';
import { parse } from 'yaml';
import { startGitHttpServer, type GitHttpServer } from './test-fixtures/git-http-server.js';
import { locationFile, startScaffolder, type StartedScaffolder } from './test-fixtures/start-scaffolder.js';

const run = promisify(execFile);
const templateDir = fileURLToPath(new URL('./test-fixtures/templates/registered-service/', import.meta.url));
const PASSWORD = 'loopback-secret-4471';

describe.each(testDatabaseIds())('a Backstage template from the catalog, end to end, on %s', (dialect) => {
  let git: GitHttpServer;
  let portal: StartedScaffolder;

  beforeAll(async () => {
    git = await startGitHttpServer({ username: 'scaffolder', password: PASSWORD });
    const gitHost = new URL(git.baseUrl).host;
    portal = await startScaffolder(dialect, {
      files: { 'all.yaml': locationFile(['registered-service/template.yaml']) },
      copy: { 'registered-service': templateDir },
      config: {
        // The template names a logical host; the integration says where the git server really is.
        integrations: { git: [{ host: 'git.portico.test', baseUrl: `${git.baseUrl}/repos`, username: 'scaffolder', password: PASSWORD }] },
        // The catalog reads the new repository back from the loopback git server.
        backend: { reading: { allow: [{ host: gitHost }] } },
      },
    });
    await portal.waitForEntity('template:default/registered-service');
  });
  afterAll(async () => {
    await portal?.stop();
    await git?.close();
  });

  it('runs to completion, publishes the repository and registers the new component with its source template', async () => {
    const id = await portal.createTask('template:default/registered-service', {
      name: `billing-${dialect}`,
      owner: 'group:default/payments',
      repoUrl: `git.portico.test?owner=payments&repo=billing-${dialect}`,
    });
    const task = await portal.waitForStatus(id, ['completed', 'failed'], 30_000);
    if (task.status !== 'completed') throw new Error(`task failed: ${JSON.stringify(task.state)}\n${JSON.stringify(await portal.events(id), null, 1)}`);
    expect(task.state?.output?.links).toEqual([
      { title: 'Repository', url: `${git.baseUrl}/repos/payments/billing-${dialect}.git` },
      { title: 'Open in catalog', icon: 'catalog', entityRef: `component:default/billing-${dialect}` },
    ]);

    // The repository holds the rendered skeleton and the catalog file catalog:write made.
    const clone = await git.clone(`repos/payments/billing-${dialect}.git`, 'main');
    expect(await readFile(path.join(clone, 'README.md'), 'utf8')).toBe(`# billing-${dialect}\n\nOwned by group:default/payments.\n`);
    expect(await readFile(path.join(clone, 'src/index.js'), 'utf8')).toBe(`console.log('billing-${dialect} is running');\n`);
    expect(parse(await readFile(path.join(clone, 'catalog-info.yaml'), 'utf8'))).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `billing-${dialect}`,
        annotations: {
          'backstage.io/source-location': `url:https://git.portico.test/payments/billing-${dialect}`,
          'backstage.io/source-template': 'template:default/registered-service',
        },
      },
      spec: { type: 'service', lifecycle: 'experimental', owner: 'group:default/payments' },
    });
    const { stdout } = await run('git', ['-C', clone, 'log', '--format=%s %an']);
    expect(stdout.trim()).toBe('Initial commit Portico Scaffolder');

    // catalog:register registered the repository, and the component is in the catalog.
    const entity = await portal.waitForEntity(`component:default/billing-${dialect}`);
    expect(entity.metadata.annotations).toMatchObject({
      'backstage.io/source-template': 'template:default/registered-service',
      'backstage.io/managed-by-location': `git:${git.baseUrl}/repos/payments/billing-${dialect}.git#HEAD:catalog-info.yaml`,
    });
    expect(entity.spec).toMatchObject({ owner: 'group:default/payments', type: 'service' });
    const events = await portal.events(id);
    expect(events.some((event) => event.body.stepId === 'register' && event.body.message === `Registered component:default/billing-${dialect}`)).toBe(true);
    expect(JSON.stringify(events)).not.toContain(PASSWORD);
  });

  it('serves the template\'s form as Backstage\'s parameter schema, and lists the installed actions', async () => {
    const schema = await portal.api<{ title: string; description: string; steps: { title: string; schema: { required: string[] } }[] }>(
      'GET',
      '/api/scaffolder/v2/templates/default/template/registered-service/parameter-schema',
    );
    expect(schema.status).toBe(200);
    expect(schema.body.title).toBe('Registered service');
    expect(schema.body.description).toBe('Creates a service, publishes it to git and registers it in the catalog');
    expect(schema.body.steps.map((step) => [step.title, step.schema.required])).toEqual([
      ['Fill in some steps', ['name', 'owner']],
      ['Choose a location', ['repoUrl']],
    ]);
    const missing = await portal.api('GET', '/api/scaffolder/v2/templates/default/template/nope/parameter-schema');
    expect(missing.status).toBe(404);

    const actions = await portal.api<{ id: string; description: string; schema: { input: { type: string } } }[]>('GET', '/api/scaffolder/v2/actions');
    expect(actions.body.map((action) => action.id)).toEqual(
      expect.arrayContaining(['catalog:register', 'catalog:write', 'catalog:fetch', 'fetch:template', 'publish:git', 'publish:github', 'publish:github:pull-request', 'publish:gitlab']),
    );
    expect(actions.body.find((action) => action.id === 'catalog:register')?.schema.input.type).toBe('object');
  });

  it('dry-runs a template sent with its files: returns the files produced, the log and the output, and publishes nothing', async () => {
    const template = parse(await readFile(path.join(templateDir, 'template.yaml'), 'utf8')) as Record<string, unknown>;
    const file = async (relative: string) => ({ path: relative, base64Content: (await readFile(path.join(templateDir, relative))).toString('base64') });
    const response = await portal.api<{
      log: { body: { message: string; stepId?: string; status?: string } }[];
      directoryContents: { path: string; base64Content: string; executable: boolean }[];
      output: { links: { title: string; url?: string }[] };
      steps: { id: string; name: string; action: string }[];
    }>('POST', '/api/scaffolder/v2/dry-run', {
      template,
      values: { name: 'dry', owner: 'group:default/payments', repoUrl: 'git.portico.test?owner=payments&repo=dry' },
      secrets: { unused: 'not-in-the-log' },
      directoryContents: [await file('template.yaml'), await file('skeleton/README.md'), await file('skeleton/src/index.js')],
    });
    expect(response.status).toBe(200);
    const files = Object.fromEntries(response.body.directoryContents.map((entry) => [entry.path, Buffer.from(entry.base64Content, 'base64').toString('utf8')]));
    expect(Object.keys(files).sort()).toEqual(['README.md', 'catalog-info.yaml', 'src/index.js']);
    expect(files['README.md']).toBe('# dry\n\nOwned by group:default/payments.\n');
    expect(parse(files['catalog-info.yaml']!)).toMatchObject({ metadata: { name: 'dry', annotations: { 'backstage.io/source-template': 'template:default/registered-service' } } });
    expect(response.body.steps.map((step) => step.id)).toEqual(['fetch-base', 'write-catalog-info', 'publish', 'register']);
    const messages = response.body.log.map((entry) => entry.body.message);
    expect(messages).toContain('Skipping step publish in a dry run: publish:git does not support dry runs');
    expect(messages).toContain('Skipping step register in a dry run: catalog:register does not support dry runs');
    expect(response.body.log.find((entry) => entry.body.stepId === 'fetch-base' && entry.body.status === 'completed')).toBeDefined();
    // Nothing was pushed and nothing was registered.
    expect(git.requests.some((request) => request.url.includes('/payments/dry'))).toBe(false);
    expect((await portal.api('GET', '/api/catalog/entities/by-name/component/default/dry')).status).toBe(404);

    const notATemplate = await portal.api<{ error: { message: string } }>('POST', '/api/scaffolder/v2/dry-run', {
      template: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'x' }, spec: { type: 'service', owner: 'me', lifecycle: 'x' } },
      values: {},
      directoryContents: [],
    });
    expect(notATemplate.status).toBe(400);
    expect(notATemplate.body.error.message).toBe('The template to dry-run is a Component of backstage.io/v1alpha1, not a scaffolder.backstage.io/v1beta3 Template');
    const badValues = await portal.api<{ errors: { property: string }[] }>('POST', '/api/scaffolder/v2/dry-run', { template, values: {}, directoryContents: [] });
    expect(badValues.status).toBe(400);
    expect(badValues.body.errors.map((error) => error.property)).toEqual(['instance.name', 'instance.owner', 'instance.repoUrl']);
    const escape = await portal.api<{ error: { message: string } }>('POST', '/api/scaffolder/v2/dry-run', {
      template,
      values: { name: 'dry', owner: 'group:default/payments', repoUrl: 'git.portico.test?owner=payments&repo=dry' },
      directoryContents: [{ path: '../outside.txt', base64Content: 'eA==' }],
    });
    expect(escape.status).toBe(400);
    expect(escape.body.error.message).toMatch(/\.\.\/outside\.txt/);
  });
});
