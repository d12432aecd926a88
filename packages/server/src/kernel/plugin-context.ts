import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type {
  DatabaseService,
  EventsService,
  ExtensionPointRef,
  PluginRouter,
  RootConfig,
  SchedulerService,
  ServerPlugin,
  ServerPluginContext,
  ServiceRef,
} from '../plugin-api/index.js';
import type { DatabaseConnection } from '../database/connect.js';

/** What the kernel shares between the contexts of all plugins. */
export interface PluginRegistry {
  services: Map<string, unknown>;
  extensions: Map<string, unknown[]>;
  startHooks: Array<() => void | Promise<void>>;
  shutdownHooks: Array<() => void | Promise<void>>;
}

export function createPluginRegistry(): PluginRegistry {
  return { services: new Map(), extensions: new Map(), startHooks: [], shutdownHooks: [] };
}

export interface PluginContextInput {
  plugin: ServerPlugin;
  config: unknown;
  rootConfig: RootConfig;
  logger: Logger;
  connection: DatabaseConnection;
  router: PluginRouter;
  scheduler: SchedulerService;
  events: EventsService;
  registry: PluginRegistry;
}

type AnyContext = ServerPluginContext<Record<string, ServiceRef<unknown>>, unknown>;

export function createPluginContext(input: PluginContextInput): AnyContext {
  const { plugin, registry } = input;
  const db: DatabaseService = {
    dialect: input.connection.dialect,
    // Each plugin types the query builder with its own tables; the database itself is shared.
    kysely: <DB>() => input.connection.kysely as unknown as Kysely<DB>,
  };

  const deps: Record<string, unknown> = {};
  for (const [name, ref] of Object.entries(plugin.deps)) {
    if (!registry.services.has(ref.id)) {
      throw new Error(`Plugin '${plugin.id}': service '${ref.id}' (deps.${name}) was not provided by its plugin's setup`);
    }
    deps[name] = registry.services.get(ref.id);
  }

  return {
    pluginId: plugin.id,
    config: input.config,
    rootConfig: input.rootConfig,
    logger: input.logger,
    db,
    router: input.router,
    scheduler: input.scheduler,
    events: input.events,
    lifecycle: {
      onStart: (fn) => registry.startHooks.push(fn),
      onShutdown: (fn) => registry.shutdownHooks.push(fn),
    },
    deps,
    provide<T>(ref: ServiceRef<T>, implementation: T): void {
      if (!plugin.provides.some((declared) => declared.id === ref.id)) {
        throw new Error(`Plugin '${plugin.id}' provides '${ref.id}' without declaring it in 'provides'`);
      }
      if (registry.services.has(ref.id)) throw new Error(`Service '${ref.id}' was provided twice`);
      registry.services.set(ref.id, implementation);
    },
    extend<T>(ref: ExtensionPointRef<T>, contribution: T): void {
      if (!plugin.extends.some((declared) => declared.id === ref.id)) {
        throw new Error(`Plugin '${plugin.id}' extends '${ref.id}' without declaring it in 'extends'`);
      }
      const list = registry.extensions.get(ref.id) ?? [];
      list.push(contribution);
      registry.extensions.set(ref.id, list);
    },
    extensions<T>(ref: ExtensionPointRef<T>): readonly T[] {
      if (ref.pluginId !== plugin.id) {
        throw new Error(`Plugin '${plugin.id}' reads extension point '${ref.id}', which belongs to '${ref.pluginId}'`);
      }
      // Contributors were set up first (see orderPlugins), so the list is complete here.
      return (registry.extensions.get(ref.id) ?? []) as T[];
    },
  };
}

/** After a plugin's setup: every service it promised must exist. */
export function checkProvided(plugin: ServerPlugin, registry: PluginRegistry): void {
  for (const ref of plugin.provides) {
    if (!registry.services.has(ref.id)) {
      throw new Error(`Plugin '${plugin.id}' declares service '${ref.id}' in 'provides' but its setup did not provide it`);
    }
  }
}
