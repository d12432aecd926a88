import type { DatabaseDialect } from '@portico/server';
import type { Kysely } from 'kysely';
import type { CatalogTables } from '../../database/tables.js';
import { deleteEntities, type RemovedEntity } from '../../database/operations/ingestion/delete-entities.js';
import { deleteSources, type StoredSource } from '../../database/operations/ingestion/sources.js';
import { chunk, withTransactionRetry } from '../../database/operations/ingestion/sql-helpers.js';
import { enqueueExisting } from '../../database/operations/ingestion/stitch-queue.js';
import type { TreeWalkResult } from './tree-walker.js';

export interface SweepResult {
  removed: RemovedEntity[];
  /** Refs newly marked orphan (strategy keep). */
  orphaned: string[];
}

/**
 * After a tree was read: entities of the tree that no source emitted any more are orphans,
 * except those whose source could not be read (or sits below one that could not): an
 * unreadable file orphans nothing. Orphans are deleted, or kept with the orphan mark.
 */
export async function sweepOrphans(
  db: Kysely<CatalogTables>,
  options: {
    dialect: DatabaseDialect;
    originKey: string;
    previous: Map<string, StoredSource>;
    walk: TreeWalkResult;
    emitted: Set<string>;
    strategy: 'keep' | 'delete';
    now: number;
  },
): Promise<SweepResult> {
  const { previous, walk } = options;
  const kept = new Set(walk.failed);
  const dropped: string[] = [];
  const isBelowFailure = (key: string, seen: Set<string>): boolean => {
    if (seen.has(key)) return false;
    seen.add(key);
    const parent = previous.get(key)?.parentKey ?? null;
    if (parent === null) return walk.incomplete.has('');
    if (walk.failed.has(parent) || walk.incomplete.has(parent)) return true;
    if (walk.sources.has(parent)) return false;
    return isBelowFailure(parent, seen);
  };
  for (const key of previous.keys()) {
    if (walk.sources.has(key)) continue;
    if (isBelowFailure(key, new Set())) kept.add(key);
    else dropped.push(key);
  }
  for (const key of walk.incomplete) if (key) kept.add(key);

  const rows = await db
    .selectFrom('catalog_entities')
    .select(['entity_id', 'entity_ref', 'source_key', 'orphan'])
    .where('origin_key', '=', options.originKey)
    .execute();
  const orphans = rows.filter((row) => !options.emitted.has(row.entity_ref) && !kept.has(row.source_key));

  return withTransactionRetry(() =>
    db.transaction().execute(async (trx) => {
      await deleteSources(trx, options.originKey, dropped);
      if (options.strategy === 'delete') {
        const removed = await deleteEntities(trx, options.dialect, orphans.map((row) => row.entity_id), { now: options.now, cause: null });
        return { removed, orphaned: [] };
      }
      const fresh = orphans.filter((row) => Number(row.orphan) !== 1);
      for (const ids of chunk(fresh.map((row) => row.entity_id), 1000)) {
        await trx.updateTable('catalog_entities').set({ orphan: 1, updated_at: options.now }).where('entity_id', 'in', ids).execute();
      }
      await enqueueExisting(trx, fresh.map((row) => row.entity_ref), options.now);
      return { removed: [], orphaned: fresh.map((row) => row.entity_ref) };
    }),
  );
}
