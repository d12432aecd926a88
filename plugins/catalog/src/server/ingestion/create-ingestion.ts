import os from 'node:os';
import path from 'node:path';
import type { KindDefinition } from '@portico/model';
import { durationToMs, type DatabaseDialect, type EventsService, type Logger } from '@portico/server';
import type { Kysely } from 'kysely';
import type { CatalogConfig } from '../config.js';
import type { CatalogTables } from '../database/tables.js';
import type { EntityProvider, EntityProviderConnection } from '../extension-points.js';
import type { CatalogIngestion } from '../service/ingestion-api.js';
import { processingFingerprint, type EngineContext } from './engine-context.js';
import { analyzeLocation, deleteEntity, refreshEntity, validateEntity } from './entity-admin.js';
import { registerLocation, removeLocation, syncConfigLocations } from './location-admin.js';
import { CatalogRules } from './process/rules.js';
import { ProviderConnections } from './providers.js';
import { GitReader } from './readers/git-reader.js';
import { LocationReader } from './readers/location-reader.js';
import { readingPolicyFromConfig } from './readers/reading-policy.js';
import { RefreshLoop } from './refresh-loop.js';
import { Stitcher } from './stitcher.js';

export interface CreateIngestionOptions {
  db: Kysely<CatalogTables>;
  dialect: DatabaseDialect;
  logger: Logger;
  events: EventsService;
  /** The parsed `catalog:` section (catalogConfigSchema). */
  config: CatalogConfig;
  /** The whole config, for `backend.reading.allow` and `integrations`. */
  rootConfig: { get(path: string): unknown };
  /** The config file's folder: relative `file` targets resolve against it. */
  baseDir: string;
  /** Names this replica in leases. */
  replicaId: string;
  /** Contributions to catalogProvidersExtensionPoint; connected by start(). */
  providers?: readonly EntityProvider[];
  /** Kind definitions from plugins, on top of the built-in kinds. */
  kinds?: readonly KindDefinition[];
  /** How often an idle replica looks for due locations (default 1 s). */
  pollIntervalMs?: number;
  /** How long a location's lease lasts without renewal (default 2 min). */
  leaseMs?: number;
  /** Entities per write transaction and per stitch transaction (default 500). */
  batchSize?: number;
}

export interface Ingestion extends CatalogIngestion {
  /** Syncs catalog.locations into the database, connects providers and starts the refresh loop. */
  start(): Promise<void>;
  /** Stops the loop and waits for the refresh in progress. */
  stop(): Promise<void>;
  /** Reads every location now and stitches; resolves when done (for tests and tools). */
  refreshAllNow(): Promise<void>;
  /** Stitches whatever is queued; resolves with the number of final bodies written. */
  stitchNow(): Promise<number>;
  /** A provider connection by name, for providers not given at creation (and tests). */
  providerConnection(name: string): EntityProviderConnection;
}

/** The catalog's ingestion engine: reads locations and providers into the catalog tables. */
export function createIngestion(options: CreateIngestionOptions): Ingestion {
  const { config } = options;
  const batchSize = options.batchSize ?? 500;
  const now = () => Date.now();
  const policy = readingPolicyFromConfig(options.rootConfig);
  // A stable folder, so the git cache survives restarts (replica ids may be random per process).
  const workDir = config.workingDirectory ? path.resolve(options.baseDir, config.workingDirectory) : path.join(os.tmpdir(), 'portico-catalog');
  const git = new GitReader({ workDir, replicaId: options.replicaId, policy, timeoutMs: durationToMs(config.limits.gitTimeout), maxBytes: config.limits.maxFileBytes });
  const reader = new LocationReader({
    policy,
    git,
    maxBytes: config.limits.maxFileBytes,
    readTimeoutMs: durationToMs(config.limits.readTimeout),
    maxRedirects: config.limits.maxRedirects,
  });
  const rules = new CatalogRules(config, options.baseDir);
  const kinds = options.kinds ?? [];
  const stitcher = new Stitcher({ db: options.db, dialect: options.dialect, events: options.events, logger: options.logger, batchSize, now });
  const context: EngineContext = {
    db: options.db,
    dialect: options.dialect,
    logger: options.logger,
    events: options.events,
    config,
    baseDir: options.baseDir,
    replicaId: options.replicaId,
    reader,
    rules,
    kinds,
    allowedKinds: rules.namedKinds(),
    stitcher,
    fingerprint: processingFingerprint(config, kinds),
    intervalMs: durationToMs(config.processingInterval),
    leaseMs: options.leaseMs ?? 120_000,
    batchSize,
    now,
  };
  const loop = new RefreshLoop(context, options.pollIntervalMs ?? 1_000);
  const providers = new ProviderConnections(context);

  return {
    async start() {
      await syncConfigLocations(context);
      await providers.connect(options.providers ?? []);
      loop.start();
    },
    stop: () => loop.stop(),
    refreshAllNow: () => loop.refreshAll(),
    stitchNow: () => stitcher.drain(),
    providerConnection: (name) => providers.connectionFor(name),
    registerLocation: (spec, registerOptions) => registerLocation(context, spec, registerOptions),
    removeLocation: (id) => removeLocation(context, id),
    refreshEntity: (entityRef) => refreshEntity(context, entityRef),
    deleteEntity: (uid) => deleteEntity(context, uid),
    validateEntity: async (entity, location) => validateEntity(context, entity, location),
    analyzeLocation: (spec, catalogFileName) => analyzeLocation(context, spec, catalogFileName),
  };
}
