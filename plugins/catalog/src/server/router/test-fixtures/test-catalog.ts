import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineServerPlugin, type ServerPlugin } from '@portico/server';
import type { Kysely } from 'kysely';
import { catalogMigrations } from '../../database/migrations/index.js';
import type { CatalogTables } from '../../database/tables.js';
import type { CatalogIngestion } from '../../service/ingestion-api.js';
import { createCatalogRouter } from '../index.js';
import { createFileIngestion } from './file-ingestion.js';

/**
 * A plugin with the catalog's id, tables and router over the ingestion a test chooses, so the
 * REST API is served at /api/catalog exactly as in Portico.
 */
export function catalogRouterPlugin(makeIngestion: (db: Kysely<CatalogTables>) => CatalogIngestion, options: { readonly?: boolean } = {}): ServerPlugin {
  return defineServerPlugin({
    id: 'catalog',
    migrations: catalogMigrations,
    setup({ router, db }) {
      const kysely = db.kysely<CatalogTables>();
      createCatalogRouter({ router, db: kysely, ingestion: makeIngestion(kysely), readonly: options.readonly ?? false });
    },
  });
}

export { createFileIngestion };

const v1 = 'backstage.io/v1alpha1';

/**
 * Writes a small organisation as catalog files: catalog-info.yaml (a Location pointing at
 * org.yaml and components.yaml, and a System), plus extra.yaml to register later.
 */
export function writeCatalogFiles(): { dir: string; root: string; extra: string; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-catalog-api-'));
  const docs = (items: object[]) => items.map((item) => JSON.stringify(item)).join('\n---\n');
  fs.writeFileSync(
    path.join(dir, 'catalog-info.yaml'),
    docs([
      { apiVersion: v1, kind: 'Location', metadata: { name: 'example-root' }, spec: { targets: ['./org.yaml', './components.yaml'] } },
      { apiVersion: v1, kind: 'System', metadata: { name: 'payments', title: 'Payments' }, spec: { owner: 'team-a' } },
    ]),
  );
  fs.writeFileSync(
    path.join(dir, 'org.yaml'),
    docs([
      { apiVersion: v1, kind: 'Group', metadata: { name: 'team-a', title: 'Team A' }, spec: { type: 'team', children: [] } },
      { apiVersion: v1, kind: 'Group', metadata: { name: 'team-b' }, spec: { type: 'team', children: [], profile: { displayName: 'The B Team' } } },
      { apiVersion: v1, kind: 'User', metadata: { name: 'ada' }, spec: { memberOf: ['team-a'], profile: { displayName: 'Ada Lovelace' } } },
    ]),
  );
  const component = (name: string, spec: object, metadata: object = {}) => ({ apiVersion: v1, kind: 'Component', metadata: { name, ...metadata }, spec });
  fs.writeFileSync(
    path.join(dir, 'components.yaml'),
    docs([
      component('orders', { type: 'service', lifecycle: 'production', owner: 'team-a', system: 'payments', providesApis: ['orders-api'] }, { title: 'Orders Service', tags: ['java'] }),
      component('billing', { type: 'service', lifecycle: 'production', owner: 'team-b', system: 'payments', dependsOn: ['component:orders'] }, { tags: ['go'] }),
      component('checkout-web', { type: 'website', lifecycle: 'experimental', owner: 'team-b', consumesApis: ['orders-api'] }, { title: 'Checkout' }),
      component('ledger', { type: 'library', lifecycle: 'deprecated', owner: 'team-a' }, { tags: ['java'] }),
      component('search-service', { type: 'service', lifecycle: 'experimental', owner: 'team-a' }, { description: 'Finds orders' }),
      { apiVersion: v1, kind: 'API', metadata: { name: 'orders-api' }, spec: { type: 'openapi', lifecycle: 'production', owner: 'team-a', system: 'payments', definition: 'openapi: 3.0.0' } },
    ]),
  );
  const extra = path.join(dir, 'extra.yaml');
  fs.writeFileSync(extra, docs([component('reporting', { type: 'service', lifecycle: 'production', owner: 'team-b' })]));
  return { dir, root: path.join(dir, 'catalog-info.yaml'), extra, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
