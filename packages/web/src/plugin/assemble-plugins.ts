import type { WebPlugin } from './define-web-plugin.js';

/** Something wrong with one plugin that the shell survived and shows to the user. */
export interface PluginProblem {
  pluginId: string;
  message: string;
}

export interface AssembledPlugins {
  plugins: readonly WebPlugin[];
  problems: readonly PluginProblem[];
}

/** Paths the shell itself serves; no plugin may take them. */
const SHELL_PATHS = new Set(['/']);

/**
 * Combines the built-in plugins with those loaded at run time. Built-in plugins come first and
 * win every clash: a runtime plugin reusing a built-in id is dropped, and a route whose path is
 * already taken is dropped from the later plugin, so a third-party plugin can never replace a
 * page of the portal.
 */
export function assemblePlugins(builtIn: readonly WebPlugin[], loaded: readonly WebPlugin[]): AssembledPlugins {
  const problems: PluginProblem[] = [];
  const plugins: WebPlugin[] = [];
  const ids = new Set<string>();
  const routeOwners = new Map<string, string>();

  for (const plugin of [...builtIn, ...loaded]) {
    if (ids.has(plugin.id)) {
      problems.push({ pluginId: plugin.id, message: `another plugin already has the id '${plugin.id}'; this one was not loaded` });
      continue;
    }
    ids.add(plugin.id);
    const routes = plugin.routes.filter((route) => {
      const owner = SHELL_PATHS.has(route.path) ? 'the shell' : routeOwners.get(route.path);
      if (owner === undefined) {
        routeOwners.set(route.path, plugin.id);
        return true;
      }
      problems.push({
        pluginId: plugin.id,
        message: `the route ${route.path} already belongs to ${owner === 'the shell' ? owner : `plugin '${owner}'`}; it was left out`,
      });
      return false;
    });
    plugins.push(routes.length === plugin.routes.length ? plugin : { ...plugin, routes });
  }
  return { plugins, problems };
}
