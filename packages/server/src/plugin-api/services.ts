import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { EventTopic } from './refs.js';

export type { Logger } from 'pino';

/** The router a plugin gets: a Fastify instance scoped to `/api/<pluginId>`, typed by zod schemas. */
export type PluginRouter = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export type DatabaseDialect = 'sqlite' | 'pg';

/** The plugin's view of the shared database. */
export interface DatabaseService {
  readonly dialect: DatabaseDialect;
  /**
   * The query builder, typed with the caller's table interfaces. Each plugin describes only its
   * own tables (prefixed with its id), so the type parameter is the plugin's `database/tables.ts`.
   */
  kysely<DB>(): Kysely<DB>;
}

/** A duration in config and APIs: milliseconds, or an object of units (Backstage style). */
export type Duration =
  | number
  | { milliseconds?: number; seconds?: number; minutes?: number; hours?: number; days?: number };

export interface ScheduledTask {
  /** Unique within the plugin; the scheduler namespaces it as `<pluginId>.<id>`. */
  id: string;
  frequency: Duration;
  initialDelay?: Duration;
  /** How long a run may take before its lease expires and another replica may take over. */
  timeout?: Duration;
  /**
   * `global` (default): one run per interval across all replicas sharing the database, claimed
   * through a lease row. `local`: every replica runs it on its own.
   */
  scope?: 'global' | 'local';
  fn: (signal: AbortSignal) => Promise<void>;
}

export interface SchedulerService {
  schedule(task: ScheduledTask): void;
  /** Runs a scheduled task now (on this replica), unless a run is already in progress anywhere. */
  trigger(id: string): Promise<void>;
}

export type EventHandler<T> = (payload: T) => void | Promise<void>;

export interface EventsService {
  /** Delivers to subscribers in this process and, on PostgreSQL, in every other replica. */
  publish<T>(topic: EventTopic<T>, payload: T): Promise<void>;
  /** Returns a function that unsubscribes. */
  subscribe<T>(topic: EventTopic<T>, handler: EventHandler<T>): () => void;
}

export interface LifecycleService {
  /** Runs once every plugin is set up and the server is listening. */
  onStart(fn: () => void | Promise<void>): void;
  /** Runs on shutdown after the server stopped taking requests, before the database closes. */
  onShutdown(fn: () => void | Promise<void>): void;
}

/** Read-only access to the whole merged configuration, for keys outside the plugin's section. */
export interface RootConfig {
  get(path: string): unknown;
  readonly baseUrl: string;
  /** The folder of the first config file: relative paths in config resolve against it. */
  readonly baseDir: string;
}

export type PluginLogger = Logger;

export type { Kysely, Migration } from 'kysely';
