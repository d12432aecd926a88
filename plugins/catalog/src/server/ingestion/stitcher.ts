import type { DatabaseDialect, EventsService, Logger } from '@portico/server';
import type { Kysely } from 'kysely';
import type { CatalogTables } from '../database/tables.js';
import type { RemovedEntity } from '../database/operations/ingestion/delete-entities.js';
import { stitchNextBatch, type StitchedEntity } from '../database/operations/ingestion/stitch-entities.js';
import { catalogEntityAddedTopic, catalogEntityChangedTopic, catalogEntityRemovedTopic, type CatalogEntityEvent } from '../events.js';

/** Events in flight at once: on PostgreSQL each one is a NOTIFY round trip. */
const PUBLISH_CONCURRENCY = 16;

export interface StitcherOptions {
  db: Kysely<CatalogTables>;
  dialect: DatabaseDialect;
  events: EventsService;
  logger: Logger;
  batchSize: number;
  now: () => number;
}

/**
 * Drains the stitch queue in batches and tells subscribers what appeared or changed. Drains in
 * this process run one after another; replicas share the queue through row locks.
 */
export class Stitcher {
  private running: Promise<number> = Promise.resolve(0);

  constructor(private readonly options: StitcherOptions) {}

  /** Stitches until the queue is empty; resolves with the number of final bodies written. */
  drain(): Promise<number> {
    const next = this.running.then(
      () => this.drainOnce(),
      () => this.drainOnce(),
    );
    this.running = next.catch(() => 0);
    return next;
  }

  private async drainOnce(): Promise<number> {
    let total = 0;
    for (;;) {
      const stitched = await stitchNextBatch(this.options.db, {
        dialect: this.options.dialect,
        limit: this.options.batchSize,
        now: this.options.now(),
        onSearchRowsError: (entityRef, error) => this.options.logger.warn(`Search rows of ${entityRef} could not be built: ${error.message}`),
      });
      if (!stitched) return total;
      total += stitched.length;
      await this.publishStitched(stitched);
    }
  }

  async publishStitched(stitched: readonly StitchedEntity[]): Promise<void> {
    await publishAll(
      this.options,
      stitched.map((entity) => ({
        topic: entity.change === 'added' ? catalogEntityAddedTopic : catalogEntityChangedTopic,
        payload: { entityRef: entity.entityRef, entityId: entity.entityId, etag: entity.etag },
      })),
    );
  }

  async publishRemoved(removed: readonly RemovedEntity[]): Promise<void> {
    await publishAll(
      this.options,
      removed.map((entity) => ({ topic: catalogEntityRemovedTopic, payload: { entityRef: entity.entityRef, entityId: entity.entityId } })),
    );
  }
}

type Message = { topic: typeof catalogEntityAddedTopic; payload: CatalogEntityEvent };

/** Events are notifications: a failed publish is logged, never fails the ingestion. */
async function publishAll(options: StitcherOptions, messages: Message[]): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < messages.length) {
      const message = messages[next++] as Message;
      try {
        await options.events.publish(message.topic, message.payload);
      } catch (error) {
        options.logger.warn(`Could not publish ${message.topic.id} for ${message.payload.entityRef}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PUBLISH_CONCURRENCY, messages.length) }, worker));
}
