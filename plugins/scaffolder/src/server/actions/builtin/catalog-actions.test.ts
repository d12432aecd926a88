import { readFile, symlink } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Entity } from '@portico/model';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createHttpCatalogAccess, withCatalogReads, type CatalogAccess, type CatalogLocation } from '../../catalog/catalog-access.js';
import { cleanupTempDirs, runAction, tempDir } from '../../test-fixtures/action-harness.js';
import { catalogLocationFor, createCatalogRegisterAction } from './catalog-register.js';
import { createCatalogFetchAction } from './catalog-fetch.js';
import { createCatalogWriteAction } from './catalog-write.js';

afterEach(cleanupTempDirs);

const group: Entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'payments', namespace: 'default' }, spec: { type: 'team', children: [] } };

/**
 * A catalog over real HTTP on loopback that answers like Portico's catalog API: entities by
 * name, and location registration with Portico's error bodies.
 */
let server: Server;
let baseUrl: string;
const registered: CatalogLocation[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const send = (status: number, body: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (request.method === 'GET' && request.url === '/api/catalog/entities/by-name/group/default/payments') return send(200, group);
      if (request.method === 'GET') return send(404, { error: { name: 'NotFoundError', message: 'No entity' }, response: { statusCode: 404 } });
      const location = JSON.parse(Buffer.concat(chunks).toString('utf8')) as CatalogLocation;
      if (location.target.includes('refused')) {
        return send(400, { error: { name: 'InputError', message: 'Locations of type url cannot be registered' }, response: { statusCode: 400 } });
      }
      registered.push(location);
      return send(201, {
        location: { id: 'l1', ...location },
        entities: [
          { apiVersion: 'backstage.io/v1alpha1', kind: 'Location', metadata: { name: 'generated' }, spec: {} },
          { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'billing', namespace: 'default' }, spec: {} },
        ],
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const catalog = (): CatalogAccess => createHttpCatalogAccess(() => baseUrl);
const gitIntegrations = [{ host: 'git.acme.io', baseUrl: 'https://git.acme.io/repos' }];

describe('catalog:register', () => {
  it('registers a repository on a plain git server as a git location, anything else by URL', () => {
    expect(catalogLocationFor({ repoContentsUrl: 'https://git.acme.io/repos/payments/billing', catalogInfoPath: '/catalog-info.yaml' }, gitIntegrations)).toEqual({
      location: { type: 'git', target: 'https://git.acme.io/repos/payments/billing.git#catalog-info.yaml' },
      catalogInfoUrl: 'https://git.acme.io/repos/payments/billing/catalog-info.yaml',
    });
    expect(catalogLocationFor({ repoContentsUrl: 'https://github.com/acme/billing/blob/main', catalogInfoPath: '/catalog-info.yaml' }, gitIntegrations)).toEqual({
      location: { type: 'url', target: 'https://github.com/acme/billing/blob/main/catalog-info.yaml' },
      catalogInfoUrl: 'https://github.com/acme/billing/blob/main/catalog-info.yaml',
    });
    expect(catalogLocationFor({ catalogInfoUrl: 'https://example.com/c.yaml', catalogInfoPath: '/x' }, gitIntegrations).location).toEqual({ type: 'url', target: 'https://example.com/c.yaml' });
    // A host that merely starts like the git server's prefix is not on it.
    expect(catalogLocationFor({ repoContentsUrl: 'https://git.acme.io/repositories/x', catalogInfoPath: 'c.yaml' }, gitIntegrations).location.type).toBe('url');
  });

  it('registers through the catalog API and outputs the ref of the entity that is not the Location', async () => {
    const workspacePath = await tempDir('workspace');
    const { outputs, log } = await runAction(
      createCatalogRegisterAction({ catalog: catalog(), integrations: gitIntegrations }),
      { repoContentsUrl: 'https://git.acme.io/repos/payments/billing', catalogInfoPath: '/catalog-info.yaml' },
      { workspacePath },
    );
    expect(registered.at(-1)).toEqual({ type: 'git', target: 'https://git.acme.io/repos/payments/billing.git#catalog-info.yaml' });
    expect(outputs).toEqual({ entityRef: 'component:default/billing', catalogInfoUrl: 'https://git.acme.io/repos/payments/billing/catalog-info.yaml' });
    expect(log.text()).toContain('Registered component:default/billing');
  });

  it('fails with the catalog\'s own message, or only warns when the step is optional', async () => {
    const workspacePath = await tempDir('workspace');
    const action = createCatalogRegisterAction({ catalog: catalog(), integrations: [] });
    await expect(runAction(action, { catalogInfoUrl: 'https://refused.example/c.yaml' }, { workspacePath })).rejects.toThrow(
      'The catalog answered: Locations of type url cannot be registered',
    );
    const { outputs, log } = await runAction(action, { catalogInfoUrl: 'https://refused.example/c.yaml', optional: true }, { workspacePath });
    expect(outputs).toEqual({ catalogInfoUrl: 'https://refused.example/c.yaml' });
    expect(log.text()).toContain('continuing because the step is optional: The catalog answered: Locations of type url cannot be registered');
    await expect(runAction(action, {}, { workspacePath })).rejects.toThrow('Invalid input to catalog:register: (input): give catalogInfoUrl, or repoContentsUrl with catalogInfoPath');
    const unreachable = createCatalogRegisterAction({ catalog: createHttpCatalogAccess(() => 'http://127.0.0.1:9'), integrations: [] });
    await expect(runAction(unreachable, { catalogInfoUrl: 'https://x.example/c.yaml' }, { workspacePath })).rejects.toThrow(/^The catalog at http:\/\/127\.0\.0\.1:9\/api\/catalog\/locations cannot be reached/);
  });
});

describe('catalog:fetch', () => {
  it('reads one entity or several, with defaults for kind and namespace', async () => {
    const workspacePath = await tempDir('workspace');
    const action = createCatalogFetchAction({ catalog: catalog() });
    const one = await runAction(action, { entityRef: 'payments', defaultKind: 'Group' }, { workspacePath });
    expect(one.outputs).toEqual({ entity: group });
    const many = await runAction(action, { entityRefs: ['group:payments', 'group:default/missing'], optional: true }, { workspacePath });
    expect(many.outputs).toEqual({ entities: [group, null] });
  });

  it('fails for a missing entity unless optional, and for a ref without a kind', async () => {
    const workspacePath = await tempDir('workspace');
    const action = createCatalogFetchAction({ catalog: catalog() });
    await expect(runAction(action, { entityRef: 'group:default/missing' }, { workspacePath })).rejects.toThrow('Entity group:default/missing was not found in the catalog');
    expect((await runAction(action, { entityRef: 'group:default/missing', optional: true }, { workspacePath })).outputs).toEqual({});
    await expect(runAction(action, { entityRef: 'payments' }, { workspacePath })).rejects.toThrow(/has no kind/);
  });
});

describe('catalog:write', () => {
  it('writes the entity as YAML with the template it came from', async () => {
    const workspacePath = await tempDir('workspace');
    const entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'billing', annotations: { 'acme.io/x': 'y' } }, spec: { type: 'service', owner: 'payments', lifecycle: 'production' } };
    await runAction(createCatalogWriteAction(), { entity, filePath: 'deploy/catalog-info.yaml' }, { workspacePath, templateRef: 'template:default/billing-template' });
    expect(parse(await readFile(path.join(workspacePath, 'deploy/catalog-info.yaml'), 'utf8'))).toEqual({
      ...entity,
      metadata: { name: 'billing', annotations: { 'acme.io/x': 'y', 'backstage.io/source-template': 'template:default/billing-template' } },
    });
  });

  it('refuses paths outside the workspace, symlinks, and entities without a name', async () => {
    const workspacePath = await tempDir('workspace');
    const entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'x' } };
    await expect(runAction(createCatalogWriteAction(), { entity, filePath: '../catalog-info.yaml' }, { workspacePath })).rejects.toThrow(/leaves the workspace/);
    await symlink('/tmp', path.join(workspacePath, 'link'));
    await expect(runAction(createCatalogWriteAction(), { entity, filePath: 'link/catalog-info.yaml' }, { workspacePath })).rejects.toThrow(/symlink/);
    await expect(runAction(createCatalogWriteAction(), { entity: { apiVersion: 'v1', kind: 'Component', metadata: {} } }, { workspacePath })).rejects.toThrow(
      /Invalid input to catalog:write: entity\.metadata\.name/,
    );
  });
});

describe('withCatalogReads', () => {
  it('reads through the service with canonical refs and registers through HTTP', async () => {
    const asked: string[] = [];
    const access = withCatalogReads({ getEntityByRef: async (ref) => (asked.push(ref), ref === 'group:default/payments' ? group : undefined) }, catalog());
    expect(await access.getEntityByRef('Group:Default/Payments')).toEqual(group);
    expect(await access.getEntityByRef('group:default/missing')).toBeUndefined();
    expect(asked).toEqual(['group:default/payments', 'group:default/missing']);
    expect((await access.registerLocation({ type: 'url', target: 'https://x.example/c.yaml' })).entities).toHaveLength(2);
  });
});
