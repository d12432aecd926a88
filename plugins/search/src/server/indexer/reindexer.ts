import { NotFoundError } from '@portico/model';
import type { Duration, PluginLogger, SchedulerService } from '@portico/server';
import type { SearchCollator, SearchDocumentInput } from '../extension-points.js';
import type { IndexWriter } from './index-writer.js';

/** Documents written per transaction during a full build. */
const APPEND_BATCH = 500;

/**
 * Full re-index runs, one global scheduled task per collator (so one replica builds at a time):
 * the collator's documents go into a new generation that replaces the old one in one update.
 * Searches keep seeing the old generation until then; a failed run leaves it in place.
 */
export class Reindexer {
  private readonly starters = new Map<string, () => void>();

  constructor(
    private readonly options: {
      collators: readonly SearchCollator[];
      writer: IndexWriter;
      scheduler: SchedulerService;
      logger: PluginLogger;
      frequency: Duration;
      timeout: Duration;
    },
  ) {}

  schedule(): void {
    for (const collator of this.options.collators) {
      this.options.scheduler.schedule({
        id: taskId(collator),
        frequency: collator.frequency ?? this.options.frequency,
        timeout: this.options.timeout,
        scope: 'global',
        fn: async (signal) => {
          this.starters.get(collator.id)?.();
          await this.rebuild(collator, signal);
        },
      });
    }
  }

  /**
   * Starts runs (of one collator, or all) and resolves once each has begun, with their ids.
   * A run already going anywhere rejects with a ConflictError.
   */
  async start(collatorId?: string): Promise<string[]> {
    const collators = this.pick(collatorId);
    await Promise.all(
      collators.map(
        (collator) =>
          new Promise<void>((resolve, reject) => {
            let begun = false;
            this.starters.set(collator.id, () => {
              begun = true;
              resolve();
            });
            this.options.scheduler.trigger(taskId(collator)).then(resolve, (error: unknown) => {
              if (!begun) reject(error);
              else this.options.logger.error({ err: error, collatorId: collator.id }, 'search: re-index failed');
            });
          }),
      ),
    );
    return collators.map((collator) => collator.id);
  }

  /** Runs (one collator, or all) now and resolves when they are done. */
  async runAndWait(collatorId?: string): Promise<string[]> {
    const collators = this.pick(collatorId);
    for (const collator of collators) await this.options.scheduler.trigger(taskId(collator));
    return collators.map((collator) => collator.id);
  }

  private pick(collatorId: string | undefined): readonly SearchCollator[] {
    if (collatorId === undefined) return this.options.collators;
    const collator = this.options.collators.find((item) => item.id === collatorId);
    if (!collator) throw new NotFoundError(`No search collator '${collatorId}'`);
    return [collator];
  }

  private async rebuild(collator: SearchCollator, signal: AbortSignal): Promise<void> {
    const { writer, logger } = this.options;
    const started = Date.now();
    const build = await writer.startBuild(collator.id);
    let count = 0;
    try {
      let pending: SearchDocumentInput[] = [];
      for await (const batch of collator.collate({ signal, logger })) {
        signal.throwIfAborted();
        pending.push(...batch);
        while (pending.length >= APPEND_BATCH) {
          await build.append(pending.slice(0, APPEND_BATCH));
          count += APPEND_BATCH;
          pending = pending.slice(APPEND_BATCH);
        }
      }
      signal.throwIfAborted();
      if (pending.length) await build.append(pending);
      count += pending.length;
      if (await build.commit()) {
        logger.info({ collatorId: collator.id, documents: count, ms: Date.now() - started }, 'search: re-index done');
      } else {
        logger.warn({ collatorId: collator.id }, 'search: a newer re-index took over; this one was dropped');
      }
    } catch (error) {
      await build.abandon((error as Error).message ?? String(error)).catch(() => undefined);
      throw error;
    }
  }
}

function taskId(collator: SearchCollator): string {
  return `reindex-${collator.id}`;
}
