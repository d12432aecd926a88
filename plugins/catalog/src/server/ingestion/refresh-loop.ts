import { claimDueLocations, markLocationsDue } from '../database/operations/ingestion/locations.js';
import { databaseNow } from '../database/operations/ingestion/sql-helpers.js';
import type { EngineContext } from './engine-context.js';
import { refreshClaimedLocation } from './location-refresher.js';

/**
 * Each replica's refresh loop: claims one due location at a time through its lease, refreshes
 * it, and looks again at once; with nothing due it sleeps `pollIntervalMs` (also stitching any
 * queue left over, e.g. after a crash). Replicas share the locations through the leases.
 */
export class RefreshLoop {
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<void> | undefined;
  private stopped = true;
  private abort = new AbortController();

  constructor(
    private readonly context: EngineContext,
    private readonly pollIntervalMs: number,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.abort = new AbortController();
    this.schedule(0);
  }

  /** Stops looking for work and cuts the refresh in progress short (it is picked up again later). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort(new Error('The catalog refresh loop is stopping'));
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.current;
  }

  /**
   * Reads every location now and stitches; resolves when no location is due or held by this
   * replica (a refresh the loop was running counts; those another replica holds do not).
   */
  async refreshAll(): Promise<void> {
    await markLocationsDue(this.context.db);
    for (;;) {
      await this.current;
      while (await this.refreshOne()) {
        // One location at a time until none is due.
      }
      await this.current;
      if (!(await this.hasWorkLeft())) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await this.context.stitcher.drain();
  }

  private async hasWorkLeft(): Promise<boolean> {
    const now = databaseNow(this.context.dialect);
    const row = await this.context.db
      .selectFrom('catalog_locations')
      .select('id')
      .where((eb) =>
        eb.or([
          eb('lease_owner', '=', this.context.replicaId),
          eb.and([eb('next_refresh_at', '<=', now), eb.or([eb('lease_owner', 'is', null), eb('lease_expires_at', '<', now)])]),
        ]),
      )
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Claims and refreshes one due location; false when none was due. */
  async refreshOne(signal?: AbortSignal): Promise<boolean> {
    const [row] = await claimDueLocations(this.context.db, {
      dialect: this.context.dialect,
      replicaId: this.context.replicaId,
      leaseMs: this.context.leaseMs,
      limit: 1,
    });
    if (!row) return false;
    try {
      await refreshClaimedLocation(this.context, row, { collect: false, ...(signal ? { signal } : {}) });
    } catch (error) {
      if (signal?.aborted) return true;
      this.context.logger.error({ err: error }, `Refreshing location ${row.type}:${row.target} failed`);
    }
    return true;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.current = this.tick().finally(() => {
        this.current = undefined;
      });
    }, delayMs);
    this.timer.unref?.();
  }

  private async tick(): Promise<void> {
    let worked = false;
    try {
      worked = await this.refreshOne(this.abort.signal);
      if (!worked) await this.context.stitcher.drain();
    } catch (error) {
      this.context.logger.error({ err: error }, 'The catalog refresh loop failed; trying again');
    }
    this.schedule(worked ? 0 : this.pollIntervalMs);
  }
}
