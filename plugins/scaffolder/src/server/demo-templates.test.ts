import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseIds } from '@portico/server/testing';
import { parse } from 'yaml';
import type { DryRunResponse } from '../common/tasks.js';
import { startGitHttpServer, type GitHttpServer } from './test-fixtures/git-http-server.js';
import { startScaffolder, type StartedScaffolder } from './test-fixtures/start-scaffolder.js';

const demoDir = fileURLToPath(new URL('../../../../examples/demo/', import.meta.url));
const templatesDir = path.join(demoDir, 'templates');
const PASSWORD = 'demo-git-pass-31';

/** A template folder as the dry-run API takes it. */
async function directoryContents(folder: string, prefix = ''): Promise<{ path: string; base64Content: string }[]> {
  const out: { path: string; base64Content: string }[] = [];
  for (const entry of await readdir(path.join(folder, prefix), { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await directoryContents(folder, relative)));
    else out.push({ path: relative, base64Content: (await readFile(path.join(folder, relative))).toString('base64') });
  }
  return out;
}

const decode = (response: DryRunResponse) =>
  Object.fromEntries(response.directoryContents.map((file) => [file.path, Buffer.from(file.base64Content, 'base64').toString('utf8')]));

const cases = [
  {
    name: 'node-service',
    values: { name: 'parcel-api', description: 'Says "hello" to parcels', owner: 'group:default/shipper-experience', system: 'system:default/booking', port: 9090, repoUrl: 'git.larkhaul.example?owner=shipper-experience&repo=parcel-api' },
    files: ['.gitignore', 'Dockerfile', 'README.md', 'catalog-info.yaml', 'package.json', 'src/server.js', 'test/server.test.js'],
  },
  {
    name: 'static-website',
    values: { name: 'depot-map', title: 'Depots & <hubs>', owner: 'group:default/carrier-network', accent: '#3b8d5a', repoUrl: 'git.larkhaul.example?owner=carrier-network&repo=depot-map' },
    files: ['README.md', 'catalog-info.yaml', 'index.html', 'styles.css'],
  },
  {
    name: 'docs-site',
    values: { name: 'tracking-handbook', title: 'Tracking handbook', owner: 'group:default/tracking', withGettingStarted: false, repoUrl: 'git.larkhaul.example?owner=tracking&repo=tracking-handbook' },
    files: ['README.md', 'catalog-info.yaml', 'docs/index.md', 'mkdocs.yml'],
  },
] as const;

describe.each(testDatabaseIds())('the demo templates on %s', (dialect) => {
  let git: GitHttpServer;
  let portal: StartedScaffolder;

  beforeAll(async () => {
    git = await startGitHttpServer({ username: 'larkhaul', password: PASSWORD });
    portal = await startScaffolder(dialect, {
      config: {
        catalog: { locations: [{ type: 'file', target: path.join(demoDir, 'catalog/all.yaml') }] },
        // What a demo install sets to publish to its own git server.
        integrations: { git: [{ host: 'git.larkhaul.example', baseUrl: `${git.baseUrl}/larkhaul`, username: 'larkhaul', password: PASSWORD }] },
        backend: { reading: { allow: [{ host: new URL(git.baseUrl).host }] } },
      },
    });
    for (const { name } of cases) await portal.waitForEntity(`template:default/${name}`);
  });
  afterAll(async () => {
    await portal?.stop();
    await git?.close();
  });

  it.each(cases)('$name is in the demo catalog and dry-runs to the files it promises', async ({ name, values, files }) => {
    const template = parse(await readFile(path.join(templatesDir, name, 'template.yaml'), 'utf8')) as Record<string, unknown>;
    const response = await portal.api<DryRunResponse>('POST', '/api/scaffolder/v2/dry-run', {
      template,
      values,
      directoryContents: await directoryContents(path.join(templatesDir, name)),
    });
    expect(response.status).toBe(200);
    expect(response.body.error).toBeUndefined();
    const produced = decode(response.body);
    expect(Object.keys(produced).sort()).toEqual([...files].sort());
    expect(parse(produced['catalog-info.yaml']!)).toMatchObject({
      kind: 'Component',
      metadata: { name: values.name, annotations: { 'backstage.io/source-template': `template:default/${name}` } },
      spec: { owner: values.owner, lifecycle: 'experimental' },
    });
    // Nothing in a skeleton is left unrendered.
    expect(Object.values(produced).filter((text) => text.includes('${{') || text.includes('{%'))).toEqual([]);
  });

  it('renders the files of each template correctly', async () => {
    const run = async (index: number) => {
      const { name, values } = cases[index]!;
      const template = parse(await readFile(path.join(templatesDir, name, 'template.yaml'), 'utf8')) as Record<string, unknown>;
      const response = await portal.api<DryRunResponse>('POST', '/api/scaffolder/v2/dry-run', { template, values, directoryContents: await directoryContents(path.join(templatesDir, name)) });
      return decode(response.body);
    };
    const service = await run(0);
    expect(JSON.parse(service['package.json']!)).toMatchObject({ name: 'parcel-api', description: 'Says "hello" to parcels' });
    expect(service['src/server.js']).toContain("Number(process.env.PORT ?? '9090')");
    expect(parse(service['catalog-info.yaml']!).spec.system).toBe('system:default/booking');
    const site = await run(1);
    expect(site['index.html']).toContain('<title>Depots &amp; &lt;hubs&gt;</title>');
    expect(site['styles.css']).toContain('--accent: #3b8d5a;');
    const docs = await run(2);
    expect(parse(docs['mkdocs.yml']!)).toEqual({ site_name: 'Tracking handbook', nav: [{ Home: 'index.md' }] });
  });

  it('publishes a new service to the demo\'s git server and registers it in the catalog', async () => {
    const { values } = cases[0];
    const id = await portal.createTask('template:default/node-service', values);
    const task = await portal.waitForStatus(id, ['completed', 'failed'], 30_000);
    expect(task.state?.error).toBeUndefined();
    expect(task.state?.output?.links).toEqual([
      { title: 'Repository', url: `${git.baseUrl}/larkhaul/shipper-experience/parcel-api.git` },
      { title: 'Open in catalog', icon: 'catalog', entityRef: 'component:default/parcel-api' },
    ]);
    const entity = await portal.waitForEntity('component:default/parcel-api');
    expect(entity.metadata.annotations?.['backstage.io/source-template']).toBe('template:default/node-service');
    expect(entity.relations).toEqual(expect.arrayContaining([{ type: 'ownedBy', targetRef: 'group:default/shipper-experience' }, { type: 'partOf', targetRef: 'system:default/booking' }]));
    const clone = await git.clone('larkhaul/shipper-experience/parcel-api.git', 'main');
    expect(JSON.parse(await readFile(path.join(clone, 'package.json'), 'utf8')).name).toBe('parcel-api');
  });
});
