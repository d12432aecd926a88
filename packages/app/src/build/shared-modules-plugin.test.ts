import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { APP_RUNTIME_PLACEHOLDER } from '@portico/model';
import { SHARED_MODULE_SPECIFIERS } from '@portico/web/build';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const appDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('the app build (vite build of packages/app)', () => {
  let outDir: string;
  let html: string;
  let importMap: Record<string, string>;

  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-app-build-'));
    await build({
      root: appDir,
      configFile: path.join(appDir, 'vite.config.ts'),
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true },
    });
    html = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
    const mapJson = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html)?.[1];
    if (mapJson === undefined) throw new Error(`no import map in index.html:\n${html}`);
    importMap = (JSON.parse(mapJson) as { imports: Record<string, string> }).imports;
  }, 120_000);

  afterAll(() => {
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  it('maps every shared specifier to an emitted, hashed entry file', () => {
    expect(Object.keys(importMap).sort()).toEqual([...SHARED_MODULE_SPECIFIERS].sort());
    for (const url of Object.values(importMap)) {
      expect(url).toMatch(/^\/assets\/shared-[\w-]+-[\w-]{8}\.js$/);
      expect(fs.existsSync(path.join(outDir, url))).toBe(true);
    }
  });

  it('puts the runtime placeholder and the import map before the first module script', () => {
    const moduleScript = html.indexOf('<script type="module"');
    expect(moduleScript).toBeGreaterThan(0);
    expect(html.indexOf(APP_RUNTIME_PLACEHOLDER)).toBeGreaterThan(html.indexOf('<head>'));
    expect(html.indexOf(APP_RUNTIME_PLACEHOLDER)).toBeLessThan(moduleScript);
    expect(html.indexOf('<script type="importmap">')).toBeLessThan(moduleScript);
  });

  it("keeps the shared entries out of the first load until a plugin imports them", () => {
    const firstLoad = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((match) => match[1]);
    expect(firstLoad.length).toBeGreaterThan(0);
    for (const url of Object.values(importMap)) expect(firstLoad).not.toContain(url);
  });

  it("re-exports React's named exports from the CommonJS package, as one object", async () => {
    const reactUrl = importMap.react;
    if (reactUrl === undefined) throw new Error('react is not in the import map');
    const react = (await import(pathToFileURL(path.join(outDir, reactUrl)).href)) as Record<string, unknown> & {
      default: Record<string, unknown>;
    };
    expect(typeof react.useState).toBe('function');
    expect(react.useState).toBe(react.default.useState);
    expect(react.createElement).toBe(react.default.createElement);
  });
});
