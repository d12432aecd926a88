import type { AppRuntimePlugin } from '@portico/model';
import type { PluginProblem } from '../plugin/assemble-plugins.js';
import { isWebPlugin, type WebPlugin } from '../plugin/define-web-plugin.js';

export interface RuntimePluginLoad {
  plugins: WebPlugin[];
  problems: PluginProblem[];
}

export interface LoadRuntimePluginsOptions {
  /** Imports one module; the browser's `import()` by default. */
  importModule?: (url: string) => Promise<unknown>;
  /** A module that has not loaded by then is reported and skipped, so the shell still starts. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Imports the prebuilt web modules of plugins installed at run time, all at once. A module that
 * fails to load, times out, or does not default-export a web plugin is reported, not thrown: one
 * broken third-party plugin must not take the portal down.
 */
export async function loadRuntimePlugins(
  entries: readonly AppRuntimePlugin[],
  options: LoadRuntimePluginsOptions = {},
): Promise<RuntimePluginLoad> {
  const importModule = options.importModule ?? browserImport;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const settled = await Promise.allSettled(
    entries.map((entry) => withTimeout(importModule(entry.moduleUrl), timeoutMs, entry.moduleUrl)),
  );

  const load: RuntimePluginLoad = { plugins: [], problems: [] };
  settled.forEach((outcome, index) => {
    const entry = entries[index];
    if (entry === undefined) return;
    const problem = (message: string, cause?: unknown): void => {
      console.error(`Portico: the web plugin '${entry.id}' (${entry.moduleUrl}) ${message}`, ...(cause === undefined ? [] : [cause]));
      load.problems.push({ pluginId: entry.id, message });
    };
    if (outcome.status === 'rejected') {
      const reason: unknown = outcome.reason;
      problem(`could not be loaded: ${reason instanceof Error ? reason.message : String(reason)}`, reason);
      return;
    }
    const exported = defaultExport(outcome.value);
    if (!isWebPlugin(exported)) {
      problem('does not default-export a plugin made with defineWebPlugin');
    } else if (exported.id !== entry.id) {
      problem(`declares the id '${exported.id}', but the server installed it as '${entry.id}'`);
    } else {
      load.plugins.push(exported);
    }
  });
  return load;
}

function browserImport(url: string): Promise<unknown> {
  return import(/* @vite-ignore */ url) as Promise<unknown>;
}

function defaultExport(module: unknown): unknown {
  return typeof module === 'object' && module !== null ? Reflect.get(module, 'default') : undefined;
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, url: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${url} did not load within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
