import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Entity } from '@portico/model';
import { createEvents, migratePlugin, type DatabaseDialect, type KernelEvents } from '@portico/server';
import { createTestDatabase, type TestDatabase } from '@portico/server/testing';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { parseCatalogConfig, type CatalogConfigInput } from '../../config.js';
import { catalogMigrations } from '../../database/migrations/index.js';
import type { CatalogTables } from '../../database/tables.js';
import { catalogEntityAddedTopic, catalogEntityChangedTopic, catalogEntityRemovedTopic, type CatalogEntityEvent } from '../../events.js';
import type { EntityProvider } from '../../extension-points.js';
import { createIngestion, type CreateIngestionOptions, type Ingestion } from '../create-ingestion.js';

export interface HarnessOptions {
  /** The `catalog:` section. */
  catalog?: CatalogConfigInput;
  /** The rest of the config (backend.reading, integrations). */
  root?: Record<string, unknown>;
  /** Share a database (a second replica); a new one is made otherwise. */
  database?: TestDatabase;
  replicaId?: string;
  providers?: EntityProvider[];
  extra?: Partial<CreateIngestionOptions>;
}

export interface Harness {
  database: TestDatabase;
  db: Kysely<CatalogTables>;
  ingestion: Ingestion;
  /** A temporary folder: the config's folder, for catalog files. */
  dir: string;
  events: Array<{ topic: string; payload: CatalogEntityEvent }>;
  /** Waits for event handlers (they run on later turns of the event loop), then empties the list. */
  takeEvents(): Promise<string[]>;
  write(file: string, text: string): string;
  entity(ref: string): Promise<Entity | undefined>;
  row(ref: string): Promise<CatalogTables['catalog_entities'] | undefined>;
  refs(): Promise<string[]>;
  location(type: string, target: string): Promise<CatalogTables['catalog_locations'] | undefined>;
  close(): Promise<void>;
}

/**
 * A real database (SQLite file or PostgreSQL), migrated, with a real events service and an
 * ingestion engine whose config folder is a fresh temporary folder.
 */
export async function createHarness(dialect: DatabaseDialect, options: HarnessOptions = {}): Promise<Harness> {
  const database = options.database ?? (await createTestDatabase(dialect));
  await migratePlugin(database, 'catalog', catalogMigrations);
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'portico-ingest-')));
  const logger = pino({ level: process.env.PORTICO_TEST_LOG_LEVEL ?? 'silent' });
  const replicaId = options.replicaId ?? 'test-replica';
  const events: KernelEvents = createEvents({ connection: database, logger, replicaId });
  const received: Harness['events'] = [];
  for (const topic of [catalogEntityAddedTopic, catalogEntityChangedTopic, catalogEntityRemovedTopic]) {
    events.service.subscribe(topic, (payload) => {
      received.push({ topic: topic.id, payload });
    });
  }
  const rootData = options.root ?? {};
  const db = database.kysely as unknown as Kysely<CatalogTables>;
  const ingestion = createIngestion({
    db,
    dialect,
    logger,
    events: events.service,
    config: parseCatalogConfig({ workingDirectory: path.join(dir, '.work'), ...options.catalog }),
    rootConfig: { get: (key) => key.split('.').reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], rootData) },
    baseDir: dir,
    replicaId,
    pollIntervalMs: 50,
    ...(options.providers ? { providers: options.providers } : {}),
    ...options.extra,
  });

  const harness: Harness = {
    database,
    db,
    ingestion,
    dir,
    events: received,
    async takeEvents() {
      await new Promise((resolve) => setTimeout(resolve, 30));
      const taken = received.splice(0).map((event) => `${event.topic.replace('catalog.entity.', '')} ${event.payload.entityRef}`);
      return taken.sort();
    },
    write(file, text) {
      const full = path.join(dir, file);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, text);
      return full;
    },
    async entity(ref) {
      const row = await db.selectFrom('catalog_entities').select('final_body').where('entity_ref', '=', ref).executeTakeFirst();
      return row ? (JSON.parse(row.final_body) as Entity) : undefined;
    },
    row: (ref) => db.selectFrom('catalog_entities').selectAll().where('entity_ref', '=', ref).executeTakeFirst(),
    async refs() {
      const rows = await db.selectFrom('catalog_entities').select('entity_ref').orderBy('entity_ref').execute();
      return rows.map((row) => row.entity_ref);
    },
    location: (type, target) => db.selectFrom('catalog_locations').selectAll().where('type', '=', type).where('target', '=', target).executeTakeFirst(),
    async close() {
      await ingestion.stop();
      await new Promise((resolve) => setTimeout(resolve, 5));
      await events.stop();
      if (!options.database) await closeDatabase(database);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** YAML documents for tests, joined with `---`. */
export function yamlDocs(...documents: string[]): string {
  return documents.map((document) => document.trim()).join('\n---\n') + '\n';
}

export function component(name: string, extra = ''): string {
  return `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: service
  lifecycle: production
  owner: group:team-a
${extra}`;
}

/**
 * pg-pool's end() resolves while its idle clients are still closing their sockets; dropping the
 * test database WITH (FORCE) right then makes one of them emit an unhandled 57P01 error. Give
 * the sockets a moment to close first.
 */
export async function closeDatabase(database: TestDatabase): Promise<void> {
  if (database.dialect === 'pg') {
    await database.kysely.destroy();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await database.close();
}
