import { markLocationsDue, finishLocationRefresh, renewLease, type LocationRow } from '../database/operations/ingestion/locations.js';
import { removeOriginEntities } from './remove-origin.js';
import { formatLocationErrors, jitteredInterval, treeOptions, type EngineContext } from './engine-context.js';
import { refreshTree, type TreeRefreshResult } from './tree/refresh-tree.js';

/**
 * Refreshes one location this replica holds the lease of: reads its tree, stitches, records the
 * outcome on the location row and plans the next refresh. The lease is renewed while the tree
 * is read; a location removed meanwhile has what this refresh wrote removed again.
 */
export async function refreshClaimedLocation(
  context: EngineContext,
  row: LocationRow,
  mode: { collect: boolean; signal?: AbortSignal } = { collect: false },
): Promise<TreeRefreshResult> {
  let lastRenewal = Date.now();
  const onProgress = async () => {
    // Stopping mid-tree is safe: what was stored stays, nothing is swept, and the location is due again.
    mode.signal?.throwIfAborted();
    if (Date.now() - lastRenewal < context.leaseMs / 3) return;
    lastRenewal = Date.now();
    const kept = await renewLease(context.db, { dialect: context.dialect, id: row.id, replicaId: context.replicaId, leaseMs: context.leaseMs });
    if (!kept) context.logger.warn(`Lost the lease of location ${row.type}:${row.target} while refreshing it`);
  };
  let result: TreeRefreshResult;
  try {
    result = await refreshTree(treeOptions(context, { type: row.type, target: row.target }, row.source, { dryRun: false, collect: mode.collect, reuse: true, onProgress }));
  } catch (error) {
    const aborted = mode.signal?.aborted === true;
    await finishLocationRefresh(context.db, {
      dialect: context.dialect,
      id: row.id,
      replicaId: context.replicaId,
      lastError: aborted ? row.last_error : `Refreshing the location failed: ${(error as Error).message}`,
      contentHash: row.content_hash,
      nextInMs: aborted ? 0 : jitteredInterval(context.intervalMs),
      now: context.now(),
    });
    throw error;
  }
  await context.stitcher.publishRemoved(result.removed);
  await context.stitcher.drain();
  await finishLocationRefresh(context.db, {
    dialect: context.dialect,
    id: row.id,
    replicaId: context.replicaId,
    lastError: formatLocationErrors(result.problems),
    contentHash: result.rootHash,
    nextInMs: result.rerunSoon ? 0 : jitteredInterval(context.intervalMs),
    now: context.now(),
  });

  const stillThere = await context.db.selectFrom('catalog_locations').select('id').where('id', '=', row.id).executeTakeFirst();
  if (!stillThere) {
    await removeOriginEntities(context, `${row.type}:${row.target}`);
  } else if (result.counts.removed > 0 || result.counts.orphaned > 0) {
    await retryConflictedLocations(context, row.id);
  }
  return result;
}

/**
 * Entities went away: locations that lost a conflict may now own them. Read those again soon
 * (the first emitter keeps an entity only while it emits it).
 */
export async function retryConflictedLocations(context: EngineContext, exceptId?: string): Promise<void> {
  const rows = await context.db
    .selectFrom('catalog_locations')
    .select('id')
    .where('last_error', 'like', '%(rule conflict)%')
    .execute();
  await markLocationsDue(
    context.db,
    rows.map((location) => location.id).filter((id) => id !== exceptId),
  );
}
