import type { Migration } from 'kysely';
import type { z } from 'zod';
import type { ExtensionPointRef, ServiceRef } from './refs.js';
import type {
  DatabaseService,
  EventsService,
  LifecycleService,
  PluginLogger,
  PluginRouter,
  RootConfig,
  SchedulerService,
} from './services.js';

/** Maps `{ name: ServiceRef<T> }` to `{ name: T }`. */
export type ResolvedDeps<TDeps extends Record<string, ServiceRef<unknown>>> = {
  [K in keyof TDeps]: TDeps[K] extends ServiceRef<infer T> ? T : never;
};

export interface ServerPluginContext<TDeps extends Record<string, ServiceRef<unknown>>, TConfig> {
  readonly pluginId: string;
  /** The plugin's own config section (`<pluginId>:` in portico.yaml), validated by `configSchema`. */
  readonly config: TConfig;
  readonly rootConfig: RootConfig;
  readonly logger: PluginLogger;
  readonly db: DatabaseService;
  readonly router: PluginRouter;
  readonly scheduler: SchedulerService;
  readonly events: EventsService;
  readonly lifecycle: LifecycleService;
  /** The services this plugin declared in `deps`, already set up by their providers. */
  readonly deps: ResolvedDeps<TDeps>;
  /** Publishes a service this plugin declared in `provides`. */
  provide<T>(ref: ServiceRef<T>, implementation: T): void;
  /** Adds a contribution to another plugin's extension point declared in `extends`. */
  extend<T>(ref: ExtensionPointRef<T>, contribution: T): void;
  /** Every contribution made to an extension point this plugin owns. */
  extensions<T>(ref: ExtensionPointRef<T>): readonly T[];
}

export interface ServerPluginDefinition<
  TDeps extends Record<string, ServiceRef<unknown>> = Record<string, never>,
  TConfig = unknown,
> {
  /** Lower-case id; routes mount at `/api/<id>`, tables are prefixed `<id>_`. */
  id: string;
  deps?: TDeps;
  provides?: readonly ServiceRef<unknown>[];
  extends?: readonly ExtensionPointRef<unknown>[];
  /** Validates the plugin's config section; a failure stops the start with the key path. */
  configSchema?: z.ZodType<TConfig>;
  /** Migrations run in name order at start, recorded per plugin. */
  migrations?: Record<string, Migration>;
  /** Registers routes, publishes services, schedules jobs. Runs once at start, after migrations. */
  setup(context: ServerPluginContext<TDeps, TConfig>): void | Promise<void>;
}

export interface ServerPlugin {
  readonly $$type: 'portico.server-plugin';
  readonly id: string;
  readonly deps: Record<string, ServiceRef<unknown>>;
  readonly provides: readonly ServiceRef<unknown>[];
  readonly extends: readonly ExtensionPointRef<unknown>[];
  readonly configSchema: z.ZodType<unknown> | undefined;
  readonly migrations: Record<string, Migration>;
  setup(context: ServerPluginContext<Record<string, ServiceRef<unknown>>, unknown>): void | Promise<void>;
}

const pluginIdPattern = /^[a-z][a-z0-9-]{0,39}$/;

export function defineServerPlugin<
  TDeps extends Record<string, ServiceRef<unknown>> = Record<string, never>,
  TConfig = unknown,
>(definition: ServerPluginDefinition<TDeps, TConfig>): ServerPlugin {
  if (!pluginIdPattern.test(definition.id)) {
    throw new Error(
      `Invalid plugin id '${definition.id}': use lower-case letters, digits and '-', starting with a letter`,
    );
  }
  return {
    $$type: 'portico.server-plugin',
    id: definition.id,
    deps: definition.deps ?? {},
    provides: definition.provides ?? [],
    extends: definition.extends ?? [],
    configSchema: definition.configSchema,
    migrations: definition.migrations ?? {},
    // The context is built by the kernel from the same definition, so its deps match TDeps.
    setup: definition.setup as ServerPlugin['setup'],
  };
}

export function isServerPlugin(value: unknown): value is ServerPlugin {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { $$type?: unknown }).$$type === 'portico.server-plugin'
  );
}
