import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isServerPlugin, type ServerPlugin } from '../plugin-api/index.js';
import type { RuntimeWebModule } from '../http/web-app.js';

export interface LoadedPlugin {
  plugin: ServerPlugin;
  /** The npm package it came from. */
  packageName: string;
  /** Its prebuilt web module, when the package declares one (`"portico": { "web": "..." }`). */
  webModule: RuntimeWebModule | undefined;
}

interface PorticoPackageJson {
  name?: string;
  portico?: { id?: string; web?: string };
}

/**
 * Loads plugins by npm package name, as listed in config: imports `<name>/server` and reads the
 * package's `portico.web` entry. Nothing is compiled: a plugin installed with npm is picked up at
 * the next start.
 */
export async function loadPluginPackages(
  names: readonly string[],
  searchFrom: readonly string[],
  warn: (message: string) => void,
): Promise<LoadedPlugin[]> {
  const loaded: LoadedPlugin[] = [];
  for (const name of names) {
    if (!/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i.test(name)) {
      throw new Error(`plugins: '${name}' is not an npm package name`);
    }
    let imported: { default?: unknown };
    try {
      imported = (await import(`${name}/server`)) as { default?: unknown };
    } catch (error) {
      throw new Error(`Cannot load plugin package '${name}': ${(error as Error).message}`, { cause: error });
    }
    if (!isServerPlugin(imported.default)) {
      throw new Error(`Plugin package '${name}' must default-export defineServerPlugin(...) from '${name}/server'`);
    }
    const plugin = imported.default;
    loaded.push({ plugin, packageName: name, webModule: findWebModule(name, plugin.id, searchFrom, warn) });
  }
  return loaded;
}

export function findWebModule(
  name: string,
  pluginId: string,
  searchFrom: readonly string[],
  warn: (message: string) => void,
): RuntimeWebModule | undefined {
  const packageDir = findPackageDir(name, searchFrom);
  if (!packageDir) return undefined;
  const manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as PorticoPackageJson;
  const web = manifest.portico?.web;
  if (!web) return undefined;
  const entryPath = path.resolve(packageDir, web);
  if (!entryPath.startsWith(packageDir + path.sep)) {
    throw new Error(`Plugin package '${name}': portico.web must point inside the package`);
  }
  if (!fs.existsSync(entryPath)) {
    // The server part still works; only the plugin's pages are missing until it is built.
    warn(`Plugin package '${name}': its web module ${web} is missing, so its pages are not served; build the plugin`);
    return undefined;
  }
  return { pluginId, directory: path.dirname(entryPath), entry: path.basename(entryPath) };
}

/** Finds `node_modules/<name>` walking up from each folder, like Node's own resolution. */
export function findPackageDir(name: string, searchFrom: readonly string[]): string | undefined {
  for (const start of searchFrom) {
    let dir = path.resolve(start);
    for (;;) {
      const candidate = path.join(dir, 'node_modules', name, 'package.json');
      if (fs.existsSync(candidate)) return fs.realpathSync(path.dirname(candidate));
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return undefined;
}

/** Folders to search for plugin packages: the config's folder and this package's own install. */
export function defaultPluginSearchPath(baseDir: string): string[] {
  return [baseDir, path.dirname(fileURLToPath(import.meta.url))];
}
