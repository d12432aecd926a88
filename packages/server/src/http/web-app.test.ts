import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineServerPlugin } from '../plugin-api/index.js';
import { startTestKernel, testDatabaseIds, type TestKernel } from '../testing/index.js';

const asset = 'index-AbCdEf12.js';
let dir: string;
let kernel: TestKernel;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-web-'));
  const dist = path.join(dir, 'dist');
  fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
  fs.writeFileSync(
    path.join(dist, 'index.html'),
    `<!doctype html><html><head><!--portico:runtime--><script type="module" src="/assets/${asset}"></script></head><body></body></html>`,
  );
  fs.writeFileSync(path.join(dist, 'assets', asset), `export const app = ${JSON.stringify('x'.repeat(4000))};\n`);
  const pluginDir = path.join(dir, 'plugin-web');
  fs.mkdirSync(pluginDir);
  fs.writeFileSync(path.join(pluginDir, 'index.js'), 'export default { id: "hello" };\n');

  const hello = defineServerPlugin({ id: 'hello', setup: () => undefined });
  kernel = await startTestKernel({
    dialect: testDatabaseIds()[0] ?? 'sqlite',
    plugins: [{ plugin: hello, packageName: 'hello', webModule: { pluginId: 'hello', directory: pluginDir, entry: 'index.js' } }],
    config: { app: { title: 'Acme </script><script>alert(1)</script>', distDir: dist, primaryColor: '#0b7285' } },
  });
});

afterAll(async () => {
  await kernel.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const html = { accept: 'text/html,application/xhtml+xml' };

describe('serving the web app', () => {
  it('inlines the runtime config, escaped, into index.html and never caches it', async () => {
    const response = await fetch(`${kernel.url}/`, { headers: html });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const page = await response.text();
    expect(page).toContain('window.__PORTICO_RUNTIME__=');
    expect(page).toContain('"moduleUrl":"/plugins/hello/index.js"');
    expect(page).toContain('"primaryColor":"#0b7285"');
    // The title's </script> must not close the runtime script element.
    expect(page).not.toContain('</script><script>alert(1)');
    expect(page).toContain('\\u003c/script>');
  });

  it('falls back to index.html for app routes, but not for API paths', async () => {
    const page = await fetch(`${kernel.url}/catalog/default/component/checkout`, { headers: html });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('__PORTICO_RUNTIME__');
    const api = await fetch(`${kernel.url}/api/catalog/nope`, { headers: html });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/json/);
  });

  it('serves hashed assets for a year, compressed when asked', async () => {
    const response = await fetch(`${kernel.url}/assets/${asset}`, { headers: { 'accept-encoding': 'br' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // fetch decodes transparently; read the raw encoding header to prove compression happened.
    expect(response.headers.get('content-encoding')).toBe('br');
    expect(await response.text()).toContain('export const app');
    const raw = await new Promise<Buffer>((resolve, reject) => {
      import('node:http').then(({ get }) =>
        get(`${kernel.url}/assets/${asset}`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve(Buffer.concat(chunks)));
        }).on('error', reject),
      );
    });
    expect(raw.length).toBeLessThan(4000);
    expect(zlib.gunzipSync(raw).toString()).toContain('export const app');
  });

  it("serves a runtime plugin's web module and the runtime at /api/app/runtime", async () => {
    const module = await fetch(`${kernel.url}/plugins/hello/index.js`);
    expect(module.status).toBe(200);
    expect(module.headers.get('content-type')).toMatch(/javascript/);
    expect(await module.text()).toContain('export default');
    const runtime = await fetch(`${kernel.url}/api/app/runtime`).then((response) => response.json());
    expect(runtime).toMatchObject({ plugins: [{ id: 'hello', moduleUrl: '/plugins/hello/index.js' }] });
    const escape = await fetch(`${kernel.url}/plugins/hello/..%2f..%2fdist%2findex.html`);
    expect(escape.status).toBe(404);
  });
});
