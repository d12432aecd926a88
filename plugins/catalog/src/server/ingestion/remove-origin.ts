import { deleteEntities } from '../database/operations/ingestion/delete-entities.js';
import { deleteSources } from '../database/operations/ingestion/sources.js';
import { withTransactionRetry } from '../database/operations/ingestion/sql-helpers.js';
import type { EngineContext } from './engine-context.js';

/**
 * Removes every entity a location (or provider) led to, nested locations included, and what
 * was remembered about its files. Publishes the removals and stitches the entities that lose
 * relations.
 */
export async function removeOriginEntities(context: EngineContext, originKey: string, cause: string | null = originKey): Promise<number> {
  const rows = await context.db.selectFrom('catalog_entities').select('entity_id').where('origin_key', '=', originKey).execute();
  const removed = await withTransactionRetry(() =>
    context.db.transaction().execute(async (trx) => {
      await deleteSources(trx, originKey);
      return deleteEntities(
        trx,
        context.dialect,
        rows.map((row) => row.entity_id),
        { now: context.now(), cause },
      );
    }),
  );
  await context.stitcher.publishRemoved(removed);
  await context.stitcher.drain();
  return removed.length;
}
