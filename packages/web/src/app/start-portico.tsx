import type { AppRuntimePlugin } from '@portico/model';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getJson } from '../api/api-client.js';
import { assemblePlugins } from '../plugin/assemble-plugins.js';
import type { WebPlugin } from '../plugin/define-web-plugin.js';
import { createAppRouter } from '../routing/create-app-router.js';
import { APP_RUNTIME_PATH, readAppRuntime } from '../runtime/app-runtime.js';
import { loadRuntimePlugins } from '../runtime/load-runtime-plugins.js';
import { createPorticoTheme } from '../theme/create-portico-theme.js';
import { createQueryClient } from './create-query-client.js';
import { PorticoApp } from './PorticoApp.js';

export interface StartPorticoOptions {
  /** Plugins bundled into the app; they come before runtime plugins and win any clash. */
  plugins: readonly WebPlugin[];
  /** Where the app renders; `#root` by default. */
  container?: HTMLElement;
}

/**
 * Starts the web app: reads the runtime, imports the runtime plugins' modules, builds the router
 * from every plugin's routes, and renders the shell.
 */
export async function startPortico({ plugins, container }: StartPorticoOptions): Promise<void> {
  const root = container ?? document.getElementById('root');
  if (root === null) throw new Error('Portico needs an element with id "root" to render into');

  const { runtime, problem: runtimeProblem } = await readAppRuntime(() => getJson(APP_RUNTIME_PATH));
  document.title = runtime.app.title;
  const loaded = await loadRuntimePlugins(runtime.plugins.map(absoluteModuleUrl));
  const assembled = assemblePlugins(plugins, loaded.plugins);

  const queryClient = createQueryClient();
  const router = createAppRouter({ plugins: assembled.plugins, queryClient });
  const state = {
    runtime,
    plugins: assembled.plugins,
    pluginProblems: [...loaded.problems, ...assembled.problems],
    ...(runtimeProblem === undefined ? {} : { runtimeProblem }),
  };
  createRoot(root).render(
    <StrictMode>
      <PorticoApp state={state} router={router} queryClient={queryClient} theme={createPorticoTheme(runtime.app.primaryColor)} />
    </StrictMode>,
  );
}

/** `import()` resolves relative URLs against the importing chunk; the server means the page. */
function absoluteModuleUrl(plugin: AppRuntimePlugin): AppRuntimePlugin {
  return { ...plugin, moduleUrl: new URL(plugin.moduleUrl, document.baseURI).href };
}
