import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppRuntime } from '@portico/model';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { findUnknownKeys } from '../config/unknown-keys.js';
import { coreConfigSchema } from '../config/schema.js';
import { parseSection, type LoadedConfig } from '../config/load.js';
import { connectDatabase, type DatabaseConnection } from '../database/connect.js';
import { createEvents, type KernelEvents } from '../events/index.js';
import { createApp } from '../http/create-app.js';
import { registerHealth } from '../http/health.js';
import { createMetrics, registerMetrics } from '../http/metrics.js';
import { registerWebApp, type RuntimeWebModule } from '../http/web-app.js';
import type { RootConfig, ServerPlugin } from '../plugin-api/index.js';
import { createScheduler, type KernelScheduler } from '../scheduler/index.js';
import type { LoadedPlugin } from './load-plugins.js';
import { findPackageDir } from './load-plugins.js';
import { migrateAll } from './migrate-all.js';
import { orderPlugins } from './order-plugins.js';
import { checkProvided, createPluginContext, createPluginRegistry, type PluginRegistry } from './plugin-context.js';

export interface KernelOptions {
  config: LoadedConfig;
  /** Plugins to run: loaded by name from config, or passed in directly (tests, embedding). */
  plugins: ReadonlyArray<LoadedPlugin | ServerPlugin>;
  logger: Logger;
}

export interface Kernel {
  readonly app: FastifyInstance;
  readonly connection: DatabaseConnection;
  readonly plugins: readonly ServerPlugin[];
  readonly webAppDir: string | undefined;
  /** Set once listening, e.g. http://127.0.0.1:7007. */
  readonly url: string | undefined;
  start(): Promise<string>;
  /** Stops taking requests, lets running requests and jobs finish, then closes the database. */
  stop(): Promise<void>;
}

/**
 * Builds a kernel: connects the database, runs migrations, sets every plugin up in dependency
 * order and prepares the HTTP server. Nothing listens until start().
 */
export async function createKernel(options: KernelOptions): Promise<Kernel> {
  const { config, logger } = options;
  const core = config.core;
  const loaded = options.plugins.map(asLoaded);
  const plugins = orderPlugins(loaded.map((entry) => entry.plugin));
  warnUnknownKeys(config, plugins, logger);

  const replicaId = crypto.randomUUID();
  const connection = connectDatabase(core.backend.database, { baseDir: config.baseDir });
  let closeDatabase = true;
  try {
    await migrateAll(connection, plugins, logger);

    const scheduler = createScheduler({ connection, logger: logger.child({ service: 'scheduler' }), replicaId });
    const events = createEvents({ connection, logger: logger.child({ service: 'events' }), replicaId });
    await events.start();

    const app = createApp({ logger, bodyLimit: core.backend.bodyLimit });
    const metrics = createMetrics();
    registerMetrics(app, metrics);
    let started = false;
    registerHealth(app, {
      isStarted: () => started,
      pingDatabase: async () => {
        await connection.kysely.selectNoFrom((eb) => eb.lit(1).as('ok')).execute();
      },
    });

    const registry = createPluginRegistry();
    const rootConfig = createRootConfig(config);
    for (const plugin of plugins) {
      const pluginConfig = plugin.configSchema
        ? parseSection(plugin.configSchema, config.data[plugin.id], plugin.id, config)
        : config.data[plugin.id];
      void app.register(
        async (router) => {
          const context = createPluginContext({
            plugin,
            config: pluginConfig,
            rootConfig,
            logger: logger.child({ plugin: plugin.id }),
            connection,
            router,
            scheduler: scheduler.forPlugin(plugin.id),
            events: events.forPlugin(plugin.id),
            registry,
          });
          await plugin.setup(context);
          checkProvided(plugin, registry);
        },
        { prefix: `/api/${plugin.id}` },
      );
    }

    const webModules = loaded.flatMap((entry) => (entry.webModule ? [entry.webModule] : []));
    const webAppDir = resolveWebAppDir(config);
    registerWebApp(app, { distDir: webAppDir, runtime: appRuntime(config, webModules), webModules });
    await app.ready();
    closeDatabase = false;

    let url: string | undefined;
    const kernel: Kernel = {
      app,
      connection,
      plugins,
      webAppDir,
      get url() {
        return url;
      },
      async start() {
        url = await app.listen({ port: core.backend.listen.port, host: core.backend.listen.host });
        for (const hook of registry.startHooks) await hook();
        scheduler.start();
        started = true;
        return url;
      },
      stop: () => stopKernel({ app, connection, scheduler, events, registry, logger, timeoutSeconds: core.backend.shutdownTimeout, markStopped: () => (started = false) }),
    };
    return kernel;
  } finally {
    if (closeDatabase) await connection.close();
  }
}

interface StopInput {
  app: FastifyInstance;
  connection: DatabaseConnection;
  scheduler: KernelScheduler;
  events: KernelEvents;
  registry: PluginRegistry;
  logger: Logger;
  timeoutSeconds: number;
  markStopped(): void;
}

async function stopKernel(input: StopInput): Promise<void> {
  input.markStopped();
  const work = (async () => {
    // Closing the server first: no new requests, running ones finish.
    await input.app.close();
    for (const hook of [...input.registry.shutdownHooks].reverse()) {
      try {
        await hook();
      } catch (error) {
        input.logger.error({ err: error }, 'shutdown hook failed');
      }
    }
    await input.scheduler.stop();
    await input.events.stop();
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), input.timeoutSeconds * 1000);
  });
  const outcome = await Promise.race([work.then(() => 'done' as const), timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') input.logger.warn(`shutdown took longer than ${input.timeoutSeconds}s; closing anyway`);
  await input.connection.close();
}

function asLoaded(entry: LoadedPlugin | ServerPlugin): LoadedPlugin {
  return 'plugin' in entry ? entry : { plugin: entry, packageName: entry.id, webModule: undefined };
}

function createRootConfig(config: LoadedConfig): RootConfig {
  return { get: (keyPath) => config.get(keyPath), baseUrl: baseUrlOf(config), baseDir: config.baseDir };
}

function baseUrlOf(config: LoadedConfig): string {
  const core = config.core;
  return (core.app.baseUrl ?? core.backend.baseUrl ?? `http://localhost:${core.backend.listen.port}`).replace(/\/+$/, '');
}

function appRuntime(config: LoadedConfig, webModules: RuntimeWebModule[]): AppRuntime {
  const app = config.core.app;
  return {
    app: {
      title: app.title,
      baseUrl: baseUrlOf(config),
      ...(app.logoUrl ? { logoUrl: app.logoUrl } : {}),
      ...(app.primaryColor ? { primaryColor: app.primaryColor } : {}),
    },
    plugins: webModules.map((module) => ({ id: module.pluginId, moduleUrl: `/plugins/${module.pluginId}/${module.entry}` })),
  };
}

function resolveWebAppDir(config: LoadedConfig): string | undefined {
  const configured = config.core.app.distDir;
  if (configured) return path.resolve(config.baseDir, configured);
  const appPackage = findPackageDir('@portico/app', [config.baseDir, process.cwd()]);
  const dist = appPackage ? path.join(appPackage, 'dist') : undefined;
  return dist && fs.existsSync(path.join(dist, 'index.html')) ? dist : undefined;
}

function warnUnknownKeys(config: LoadedConfig, plugins: readonly ServerPlugin[], logger: Logger): void {
  for (const message of config.warnings) logger.warn(message);
  const pluginIds = new Set(plugins.map((plugin) => plugin.id));
  const coreKeys = findUnknownKeys(config.data, coreConfigSchema).filter((key) => !pluginIds.has(key.split('.')[0] ?? ''));
  const pluginKeys = plugins.flatMap((plugin) => {
    const section = config.data[plugin.id];
    if (!plugin.configSchema || typeof section !== 'object' || section === null || Array.isArray(section)) return [];
    return findUnknownKeys(section, plugin.configSchema, plugin.id);
  });
  for (const key of [...coreKeys, ...pluginKeys]) {
    logger.warn(`config: '${key}' is not used by Portico or any loaded plugin (from ${config.originOf(key) ?? 'config'})`);
  }
}
