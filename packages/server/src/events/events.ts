import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { DatabaseConnection } from '../database/index.js';
import type { EventHandler, EventsService, EventTopic } from '../plugin-api/index.js';
import { decodeEnvelope, encodeEnvelope, payloadToJson } from './envelope.js';
import { PgListener } from './pg-listener.js';
import { Subscribers } from './subscribers.js';

export interface EventsOptions {
  connection: DatabaseConnection;
  logger: Logger;
  /** Names this process in logs and in the listening connection's application_name. */
  replicaId: string;
  /** How long stop() waits for running handlers (default 5 s). */
  stopTimeoutMs?: number;
}

/** The kernel's side of the events service: one per process. */
export interface KernelEvents {
  /** The service for code that is not a plugin; handler failures are logged without a plugin id. */
  readonly service: EventsService;
  /** The service for one plugin: its handlers' failures are logged with its id. */
  forPlugin(pluginId: string): EventsService;
  /** On PostgreSQL, starts listening for other replicas' events; rejects if it cannot connect. */
  start(): Promise<void>;
  /** Stops listening and waits for running handlers, at most `stopTimeoutMs`. */
  stop(): Promise<void>;
}

/** The one channel all Portico replicas of a database publish on. */
export const eventsChannel = 'portico_events';

export function createEvents(options: EventsOptions): KernelEvents {
  const { connection, logger } = options;
  const subscribers = new Subscribers(logger);
  // Unique per instance, even if two processes were given the same replica id.
  const origin = `${options.replicaId}/${randomUUID()}`;
  const pgPool = connection.pgPool;
  const listener = pgPool
    ? new PgListener({
        clientConfig: { ...pgPool.options, application_name: `portico-events ${options.replicaId}` },
        channel: eventsChannel,
        logger,
        onMessage(text) {
          const envelope = decodeEnvelope(text);
          if (!envelope) {
            logger.warn({ message: text.slice(0, 200) }, `Ignored a malformed message on channel '${eventsChannel}'`);
            return;
          }
          if (envelope.origin !== origin) subscribers.deliver(envelope.topic, envelope.payloadJson);
        },
      })
    : undefined;
  let stopped = false;

  async function publish(topic: EventTopic<unknown>, payload: unknown): Promise<void> {
    if (stopped) throw new Error(`Cannot publish event '${topic.id}': the events service is stopped`);
    const payloadJson = payloadToJson(topic.id, payload);
    if (connection.dialect === 'pg') {
      const message = encodeEnvelope({ origin, topic: topic.id, payloadJson });
      await sql`select pg_notify(${eventsChannel}, ${message})`.execute(connection.kysely);
    }
    subscribers.deliver(topic.id, payloadJson);
  }

  const serviceFor = (pluginId: string | undefined): EventsService => ({
    publish: (topic, payload) => publish(topic, payload),
    subscribe<T>(topic: EventTopic<T>, handler: EventHandler<T>) {
      // Handlers receive what was published for this topic, so T holds; the map stores them untyped.
      return subscribers.add(topic.id, pluginId, handler as EventHandler<unknown>);
    },
  });

  return {
    service: serviceFor(undefined),
    forPlugin: (pluginId) => serviceFor(pluginId),
    async start() {
      await listener?.start();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await listener?.stop();
      const running = await subscribers.settle(options.stopTimeoutMs ?? 5_000);
      if (running > 0) logger.warn(`${running} event handlers were still running when the events service stopped`);
    },
  };
}
