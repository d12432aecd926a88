import crypto from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { catalogServiceRef } from '@portico/plugin-catalog/server';
import { defineServerPlugin, durationToMs, type PluginRouter } from '@portico/server';
import { createBuiltinActions } from './actions/builtin/index.js';
import { ActionRegistry } from './actions/registry.js';
import { createHttpCatalogAccess, withCatalogReads } from './catalog/catalog-access.js';
import { defaultScaffolderConfig, scaffolderConfigSchema } from './config.js';
import { scaffolderMigrations } from './database/migrations/index.js';
import { scaffolderDb } from './database/operations/context.js';
import type { ScaffolderTables } from './database/tables.js';
import { mergeTemplateExtensions } from './expressions/extensions.js';
import type { RepoHostType, TemplaterOptions } from './expressions/secure-templater.js';
import { scaffolderActionsExtensionPoint, scaffolderTemplatingExtensionPoint } from './extension-points.js';
import { integrationSecrets } from './git/integrations.js';
import { readScmIntegrations, scmSecrets, type ScmIntegrations } from './integrations/scm-integrations.js';
import { registerScaffolderRoutes } from './router/index.js';
import { TaskEventFeed } from './tasks/event-feed.js';
import { SecretsVault } from './tasks/secrets-vault.js';
import { TaskStore } from './tasks/task-store.js';
import { TaskWorker } from './tasks/task-worker.js';

/** This server's own address, for reaching the catalog's HTTP API in the same process. */
function ownBaseUrl(router: PluginRouter): string {
  const address = router.server.address() as AddressInfo | string | null;
  if (!address || typeof address === 'string') throw new Error('The server is not listening yet');
  const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}

function repoUrlHosts(integrations: ScmIntegrations): Record<string, RepoHostType> {
  return Object.fromEntries([
    ...integrations.github.map((entry) => [entry.host, 'github'] as const),
    ...integrations.gitlab.map((entry) => [entry.host, 'gitlab'] as const),
  ]);
}

/**
 * Software templates: runs Backstage v1beta3 templates from the catalog as tasks stored in the
 * database, claimed by workers on any replica, and serves Backstage's scaffolder API under
 * /api/scaffolder.
 */
export const scaffolderPlugin = defineServerPlugin({
  id: 'scaffolder',
  deps: { catalog: catalogServiceRef },
  configSchema: scaffolderConfigSchema.default(defaultScaffolderConfig),
  migrations: scaffolderMigrations,
  setup(context) {
    const config = context.config;
    const integrations = readScmIntegrations(context.rootConfig);
    const leaseMs = durationToMs(config.taskLease);
    const pollMs = Math.max(20, durationToMs(config.pollInterval));
    const workingDirectory = config.workingDirectory
      ? path.resolve(context.rootConfig.baseDir, config.workingDirectory)
      : path.join(os.tmpdir(), 'portico-scaffolder');
    mkdirSync(workingDirectory, { recursive: true });

    // Reads through the catalog's service; registering a location goes through its REST API (the
    // service has no writes). Reading over HTTP too is `createHttpCatalogAccess(...)` alone.
    const catalog = withCatalogReads(context.deps.catalog, createHttpCatalogAccess(() => config.catalogBaseUrl ?? ownBaseUrl(context.router)));
    const templater: TemplaterOptions = {
      ...mergeTemplateExtensions(...context.extensions(scaffolderTemplatingExtensionPoint)),
      repoUrlHosts: repoUrlHosts(integrations),
    };
    const actions = new ActionRegistry([
      ...createBuiltinActions({ integrations: integrations.git, github: integrations.github, gitlab: integrations.gitlab, catalog, templater }),
      ...context.extensions(scaffolderActionsExtensionPoint),
    ]);
    const redact = [...integrationSecrets(integrations.git), ...scmSecrets(integrations)];

    const vault = new SecretsVault(config.secretsKey);
    const replicaId = `${os.hostname()}/${crypto.randomUUID()}`;
    const store = new TaskStore({
      sdb: scaffolderDb(context.db.kysely<ScaffolderTables>(), context.db.dialect),
      vault,
      events: context.events,
      replicaId,
      leaseMs,
      logger: context.logger,
    });
    const feed = new TaskEventFeed(context.events);
    registerScaffolderRoutes({
      router: context.router,
      store,
      feed,
      catalog,
      actions,
      logger: context.logger,
      userRef: config.defaultUserRef,
      pollMs,
      workingDirectory,
      redact,
      templater,
    });
    const worker = new TaskWorker({
      store,
      runner: { store, actions, templater, workingDirectory, redact, secretsShared: vault.shared, logger: context.logger },
      vault,
      events: context.events,
      logger: context.logger,
      owner: replicaId,
      concurrency: config.concurrentTasksLimit,
      leaseMs,
      pollMs,
      retentionMs: durationToMs(config.retryRetention),
    });
    // Open event streams would keep the server from closing: end them first.
    context.router.addHook('preClose', (done) => {
      feed.closeAll();
      done();
    });
    context.lifecycle.onStart(() => worker.start());
    context.lifecycle.onShutdown(async () => {
      feed.stop();
      await worker.stop();
    });
  },
});
