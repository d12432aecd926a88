import type { ServerPlugin } from '../plugin-api/index.js';

/**
 * Orders plugins so that every service is set up before the plugins that depend on it, and every
 * contributor to an extension point runs before the point's owner. Fails with a message naming
 * the plugins involved when a service has no provider, two plugins share an id, or the
 * dependencies form a cycle.
 */
export function orderPlugins(plugins: readonly ServerPlugin[]): ServerPlugin[] {
  const byId = new Map<string, ServerPlugin>();
  for (const plugin of plugins) {
    if (byId.has(plugin.id)) throw new Error(`Two plugins have the id '${plugin.id}'; plugin ids must be unique`);
    byId.set(plugin.id, plugin);
  }
  const providerOf = new Map<string, ServerPlugin>();
  for (const plugin of plugins) {
    for (const service of plugin.provides) {
      const existing = providerOf.get(service.id);
      if (existing) {
        throw new Error(`Service '${service.id}' is provided by both '${existing.id}' and '${plugin.id}'`);
      }
      providerOf.set(service.id, plugin);
    }
  }

  // Edges point from a plugin to the plugins that must be set up before it.
  const before = new Map<string, Set<string>>();
  for (const plugin of plugins) before.set(plugin.id, new Set());
  for (const plugin of plugins) {
    for (const [name, service] of Object.entries(plugin.deps)) {
      const provider = providerOf.get(service.id);
      if (!provider) {
        throw new Error(
          `Plugin '${plugin.id}' needs service '${service.id}' (deps.${name}), but no loaded plugin provides it`,
        );
      }
      if (provider.id !== plugin.id) before.get(plugin.id)?.add(provider.id);
    }
    for (const point of plugin.extends) {
      const owner = byId.get(point.pluginId);
      if (!owner) {
        throw new Error(
          `Plugin '${plugin.id}' extends '${point.id}', which belongs to plugin '${point.pluginId}' that is not loaded`,
        );
      }
      before.get(owner.id)?.add(plugin.id);
    }
  }

  const ordered: ServerPlugin[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, trail: string[]): void => {
    const current = state.get(id);
    if (current === 'done') return;
    if (current === 'visiting') {
      const cycle = [...trail.slice(trail.indexOf(id)), id].join(' -> ');
      throw new Error(`Plugins depend on each other in a cycle: ${cycle}`);
    }
    state.set(id, 'visiting');
    for (const dependency of before.get(id) ?? []) visit(dependency, [...trail, id]);
    state.set(id, 'done');
    const plugin = byId.get(id);
    if (plugin) ordered.push(plugin);
  };
  // Visiting in the given order keeps the config's order wherever dependencies allow.
  for (const plugin of plugins) visit(plugin.id, []);
  return ordered;
}
