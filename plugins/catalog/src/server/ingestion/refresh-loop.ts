import { claimDueLocations, markLocationsDue } from '../database/operations/ingestion/locations.js';
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

  constructor(
    private readonly context: EngineContext,
    private readonly pollIntervalMs: number,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.current;
  }

  /** Reads every location now (on this replica, except those another replica is reading) and stitches. */
  async refreshAll(): Promise<void> {
    await markLocationsDue(this.context.db);
    while (await this.refreshOne()) {
      // One location at a time until none is due.
    }
    await this.context.stitcher.drain();
  }

  /** Claims and refreshes one due location; false when none was due. */
  async refreshOne(): Promise<boolean> {
    const [row] = await claimDueLocations(this.context.db, {
      dialect: this.context.dialect,
      replicaId: this.context.replicaId,
      leaseMs: this.context.leaseMs,
      limit: 1,
    });
    if (!row) return false;
    try {
      await refreshClaimedLocation(this.context, row);
    } catch (error) {
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
      worked = await this.refreshOne();
      if (!worked) await this.context.stitcher.drain();
    } catch (error) {
      this.context.logger.error({ err: error }, 'The catalog refresh loop failed; trying again');
    }
    this.schedule(worked ? 0 : this.pollIntervalMs);
  }
}
