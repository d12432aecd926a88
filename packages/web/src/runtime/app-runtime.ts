import { APP_RUNTIME_GLOBAL, type AppRuntime } from '@portico/model';

/** The runtime endpoint, used when index.html carries no runtime (the Vite dev server). */
export const APP_RUNTIME_PATH = '/api/app/runtime';

export interface RuntimeReading {
  runtime: AppRuntime;
  /** Why the defaults are in use, when the runtime could not be read. */
  problem?: string;
}

/**
 * Reads the runtime the server inlined into index.html, or asks the server for it. When neither
 * works the shell still starts, with default branding and no runtime plugins, and says why.
 */
export async function readAppRuntime(
  fetchRuntime: () => Promise<unknown>,
  inlined: unknown = Reflect.get(globalThis, APP_RUNTIME_GLOBAL),
): Promise<RuntimeReading> {
  if (inlined !== undefined) {
    return isAppRuntime(inlined)
      ? { runtime: inlined }
      : { runtime: defaultRuntime(), problem: 'The runtime configuration in the page is malformed.' };
  }
  try {
    const fetched = await fetchRuntime();
    if (isAppRuntime(fetched)) return { runtime: fetched };
    return { runtime: defaultRuntime(), problem: `${APP_RUNTIME_PATH} returned a malformed runtime configuration.` };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { runtime: defaultRuntime(), problem: `Could not load ${APP_RUNTIME_PATH}: ${reason}` };
  }
}

export function defaultRuntime(): AppRuntime {
  const origin = typeof location === 'undefined' ? '' : location.origin;
  return { app: { title: 'Portico', baseUrl: origin }, plugins: [] };
}

export function isAppRuntime(value: unknown): value is AppRuntime {
  if (!isRecord(value) || !isRecord(value.app) || !Array.isArray(value.plugins)) return false;
  const app = value.app;
  return (
    typeof app.title === 'string' &&
    typeof app.baseUrl === 'string' &&
    (app.logoUrl === undefined || typeof app.logoUrl === 'string') &&
    (app.primaryColor === undefined || typeof app.primaryColor === 'string') &&
    value.plugins.every(
      (plugin: unknown) => isRecord(plugin) && typeof plugin.id === 'string' && typeof plugin.moduleUrl === 'string',
    )
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
