import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ConfigObject, DatabaseDialect } from '@portico/server';
import { startTestKernel, type TestKernel } from '@portico/server/testing';
import { catalogPlugin } from '../plugin.js';

export interface StartedCatalog extends TestKernel {
  /** Folder holding the catalog files the config points at. */
  dir: string;
  /** Resolves once `count` entities are visible through the API. */
  waitForEntities(count: number, filter?: string): Promise<void>;
}

/**
 * A real kernel with the real catalog plugin, reading `files` (name → YAML) from a temporary
 * folder through a `file` location on `all.yaml`.
 */
export async function startCatalog(
  dialect: DatabaseDialect,
  files: Record<string, string>,
  config: ConfigObject = {},
): Promise<StartedCatalog> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-catalog-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  const catalog: ConfigObject = {
    rules: [{ allow: ['Component', 'API', 'Resource', 'System', 'Domain', 'Group', 'User', 'Location', 'Template'] }],
    locations: [{ type: 'file', target: path.join(dir, 'all.yaml') }],
    allowedLocationTypes: ['file', 'url'],
    ...(typeof config.catalog === 'object' && config.catalog !== null && !Array.isArray(config.catalog) ? config.catalog : {}),
  };
  const kernel = await startTestKernel({ dialect, plugins: [catalogPlugin], config: { ...config, catalog } });
  const waitForEntities = async (count: number, filter?: string) => {
    const deadline = Date.now() + 20_000;
    let seen = 'nothing yet';
    while (Date.now() < deadline) {
      const query = new URLSearchParams({ limit: '1' });
      if (filter) query.set('filter', filter);
      const response = await fetch(`${kernel.url}/api/catalog/entities/by-query?${query}`);
      const text = await response.text();
      if (response.ok) {
        const total = (JSON.parse(text) as { totalItems: number }).totalItems;
        if (total === count) return;
        seen = `${total} entities`;
      } else {
        seen = `${response.status} ${text}`;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Expected ${count} entities${filter ? ` matching ${filter}` : ''}, saw ${seen}`);
  };
  return {
    ...kernel,
    dir,
    waitForEntities,
    stop: async () => {
      await kernel.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A small organisation used across the catalog's API tests. */
export const smallCatalog: Record<string, string> = {
  'all.yaml': `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: everything
spec:
  targets:
    - ./org.yaml
    - ./software.yaml
`,
  'org.yaml': `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments-team
  title: Payments Team
spec:
  type: team
  children: []
  profile:
    displayName: Payments Team
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: jane
spec:
  profile:
    displayName: Jane Doe
    email: jane@example.com
  memberOf: [payments-team]
`,
  'software.yaml': `apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: payments
spec:
  owner: payments-team
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  title: Checkout Service
  tags: [java, payments]
spec:
  type: service
  lifecycle: production
  owner: payments-team
  system: payments
  providesApis: [checkout-api]
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: billing-web
  tags: [typescript]
spec:
  type: website
  lifecycle: experimental
  owner: group:payments-team
  system: payments
  consumesApis: [checkout-api]
  dependsOn: [component:checkout]
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: checkout-api
spec:
  type: openapi
  lifecycle: production
  owner: payments-team
  system: payments
  definition: |
    openapi: 3.0.0
    info: { title: Checkout, version: 1.0.0 }
    paths: {}
`,
};

/** Entities in smallCatalog, Location included. */
export const SMALL_CATALOG_COUNT = 7;
