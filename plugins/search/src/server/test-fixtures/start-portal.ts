import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { catalogPlugin } from '@portico/plugin-catalog/server';
import type { ConfigObject, DatabaseDialect, ServerPlugin } from '@portico/server';
import { startTestKernel, type TestKernel } from '@portico/server/testing';
import { searchPlugin } from '../plugin.js';

export interface StartedPortal extends TestKernel {
  /** Folder of the catalog files; edit them and refresh to change the catalog. */
  dir: string;
  writeFile(name: string, text: string): void;
  /** GET a path of the portal and parse the JSON answer. */
  get<T>(pathAndQuery: string, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
  post<T>(pathAndQuery: string, body?: unknown): Promise<{ status: number; body: T }>;
}

/**
 * A real kernel with the real catalog and search plugins (plus any extra plugins), reading the
 * given catalog files through a `file` location on `all.yaml`.
 */
export async function startPortal(
  dialect: DatabaseDialect,
  files: Record<string, string>,
  options: { plugins?: ServerPlugin[]; config?: ConfigObject } = {},
): Promise<StartedPortal> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-search-'));
  const writeFile = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  };
  for (const [name, text] of Object.entries(files)) writeFile(name, text);
  const kernel = await startTestKernel({
    dialect,
    plugins: [catalogPlugin, searchPlugin, ...(options.plugins ?? [])],
    config: {
      catalog: {
        rules: [{ allow: ['Component', 'API', 'System', 'Group', 'User', 'Location', 'Template'] }],
        locations: [{ type: 'file', target: path.join(dir, 'all.yaml') }],
      },
      search: { pendingPollInterval: 500 },
      ...options.config,
    },
  });
  const parse = async <T>(response: Response) => {
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  return {
    ...kernel,
    dir,
    writeFile,
    get: async (pathAndQuery, headers = {}) => parse(await fetch(`${kernel.url}${pathAndQuery}`, { headers })),
    post: async (pathAndQuery, body) =>
      parse(
        await fetch(`${kernel.url}${pathAndQuery}`, {
          method: 'POST',
          ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
        }),
      ),
    stop: async () => {
      await kernel.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value (not undefined), or fails with what it saw last. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const orgFiles: Record<string, string> = {
  'all.yaml': `apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: everything
spec:
  targets: [./org.yaml, ./software.yaml, ./templates.yaml]
`,
  'org.yaml': `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: payments-team
  title: Payments Team
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: web-team
spec:
  type: team
  children: []
`,
  'software.yaml': `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout
  title: Checkout Service
  description: Takes payments for the shop.
  tags: [java]
spec:
  type: service
  lifecycle: production
  owner: payments-team
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout-web
  title: Checkout Web
  description: The checkout pages.
spec:
  type: website
  lifecycle: production
  owner: web-team
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: legacy-cart
  description: The old cart, before checkout existed.
spec:
  type: service
  lifecycle: deprecated
  owner: web-team
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: checkout-api
  description: Checkout REST API.
spec:
  type: openapi
  lifecycle: production
  owner: payments-team
  definition: openapi 3
`,
  'templates.yaml': `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: checkout-plugin
  title: Checkout Plugin Template
  description: Creates a checkout plugin.
spec:
  type: plugin
  owner: payments-team
  steps: []
`,
};
