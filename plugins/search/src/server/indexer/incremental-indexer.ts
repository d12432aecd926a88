import type { DatabaseDialect, PluginLogger } from '@portico/server';
import type { Kysely } from 'kysely';
import { claimItems, queueItems } from '../database/operations/pending.js';
import type { SearchTables } from '../database/tables.js';
import type { SearchCollator, SearchIndexConnection } from '../extension-points.js';
import type { IndexWriter } from './index-writer.js';

export interface IncrementalIndexerOptions {
  db: Kysely<SearchTables>;
  dialect: DatabaseDialect;
  writer: IndexWriter;
  logger: PluginLogger;
  /** How long changes gather before they are queued in one write (events come in bursts). */
  gatherMs?: number;
  /** Items refreshed per round. */
  batchSize?: number;
}

interface CollatorState {
  collator: SearchCollator & Required<Pick<SearchCollator, 'refresh'>>;
  gathered: Set<string>;
  flushing: Promise<void> | undefined;
  timer: NodeJS.Timeout | undefined;
  waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }>;
  draining: Promise<void> | undefined;
  drainAgain: boolean;
}

/**
 * Keeps collators' documents current between full builds. Changes reported on a collator's
 * connection gather for a moment, go into `search_pending` (so a change survives this replica
 * and is done once), then are claimed in batches: the collator's `refresh` reads the items'
 * current documents and the writer swaps them in.
 */
export class IncrementalIndexer {
  private readonly states = new Map<string, CollatorState>();
  private started = false;
  private stopped = false;
  private readonly gatherMs: number;
  private readonly batchSize: number;

  constructor(private readonly options: IncrementalIndexerOptions) {
    this.gatherMs = options.gatherMs ?? 50;
    this.batchSize = options.batchSize ?? 200;
  }

  /** The connection handed to a collator that can refresh items. */
  connectionFor(collator: SearchCollator): SearchIndexConnection | undefined {
    const refresh = collator.refresh;
    if (!refresh) return undefined;
    const state: CollatorState = {
      collator: { ...collator, refresh: refresh.bind(collator) },
      gathered: new Set(),
      flushing: undefined,
      timer: undefined,
      waiters: [],
      draining: undefined,
      drainAgain: false,
    };
    this.states.set(collator.id, state);
    return { invalidate: (itemKeys) => this.gather(state, itemKeys) };
  }

  /** Begins refreshing queued items; until then changes are only queued. */
  async start(): Promise<void> {
    this.started = true;
    await this.drainAll();
  }

  /** Works through what is queued for every collator (also items queued by other replicas). */
  async drainAll(): Promise<void> {
    await Promise.all([...this.states.values()].map((state) => this.drain(state)));
  }

  /** Resolves once no refresh round is running or due (for tests and shutdown). */
  async settle(): Promise<void> {
    for (;;) {
      const running = [...this.states.values()].flatMap((state) => [state.flushing, state.draining]).filter(Boolean);
      if (running.length === 0) return;
      await Promise.allSettled(running);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const state of this.states.values()) {
      if (state.timer) clearTimeout(state.timer);
      await this.flush(state).catch(() => undefined);
      await state.draining;
    }
  }

  private gather(state: CollatorState, itemKeys: readonly string[]): Promise<void> {
    if (itemKeys.length === 0) return Promise.resolve();
    for (const key of itemKeys) state.gathered.add(key);
    const done = new Promise<void>((resolve, reject) => state.waiters.push({ resolve, reject }));
    state.timer ??= setTimeout(() => {
      state.timer = undefined;
      void this.flush(state).catch(() => undefined);
    }, this.gatherMs);
    return done;
  }

  private async flush(state: CollatorState): Promise<void> {
    await state.flushing;
    if (state.gathered.size === 0) return;
    const keys = [...state.gathered];
    const waiters = state.waiters;
    state.gathered = new Set();
    state.waiters = [];
    state.flushing = queueItems(this.options.db, state.collator.id, keys, Date.now())
      .then(() => waiters.forEach((waiter) => waiter.resolve()))
      .catch((error: unknown) => {
        this.options.logger.error({ err: error, collatorId: state.collator.id }, 'search: could not queue changed items');
        waiters.forEach((waiter) => waiter.reject(error));
        throw error;
      })
      .finally(() => {
        state.flushing = undefined;
      });
    await state.flushing;
    void this.drain(state);
  }

  private drain(state: CollatorState): Promise<void> {
    if (!this.started || (this.stopped && !state.draining)) return Promise.resolve();
    if (state.draining) {
      state.drainAgain = true;
      return state.draining;
    }
    state.draining = this.drainRounds(state).finally(() => {
      state.draining = undefined;
      if (state.drainAgain && !this.stopped) {
        state.drainAgain = false;
        void this.drain(state);
      }
    });
    return state.draining;
  }

  private async drainRounds(state: CollatorState): Promise<void> {
    const { db, dialect, writer, logger } = this.options;
    const collatorId = state.collator.id;
    while (!this.stopped) {
      const keys = await claimItems(db, dialect, collatorId, this.batchSize);
      if (keys.length === 0) return;
      try {
        const found = await state.collator.refresh(keys);
        // Items the collator no longer knows get an empty list: their documents go.
        await writer.replaceItems(collatorId, new Map(keys.map((key) => [key, found.get(key) ?? []])));
      } catch (error) {
        logger.error({ err: error, collatorId, items: keys.length }, 'search: refreshing changed items failed; they stay queued');
        await queueItems(db, collatorId, keys, Date.now());
        // Stop here so a broken collator does not spin; the periodic drain tries again.
        return;
      }
    }
  }
}
