import type { Transaction } from 'kysely';
import type { CatalogTables } from '../../tables.js';
import { diffJson } from '../../../ingestion/stitch/json-diff.js';
import type { DatabaseDialect } from '@portico/server';
import { bulkInsert, historyTable } from './bulk-write.js';
import { chunk } from './sql-helpers.js';
import { enqueueExisting } from './stitch-queue.js';
import { timeOrderedId } from './time-ordered-id.js';

export interface RemovedEntity {
  entityRef: string;
  entityId: string;
}

/**
 * Deletes entities with their relation rows and search rows, records a 'removed' history row
 * for each (diff from its last final body), and queues the entities their relations pointed at
 * so those lose the reverse relations. Relation rows other entities hold towards the deleted
 * ones stay: they belong to those entities' specs and come back to life if the entity returns.
 */
export async function deleteEntities(
  trx: Transaction<CatalogTables>,
  dialect: DatabaseDialect,
  entityIds: readonly string[],
  /** `cause`: what removed them (a location, a provider, the API); each entity's own emitter when null. */
  options: { now: number; cause: string | null },
): Promise<RemovedEntity[]> {
  const removed: RemovedEntity[] = [];
  const touched = new Set<string>();
  for (const ids of chunk([...new Set(entityIds)], 500)) {
    const rows = await trx.selectFrom('catalog_entities').select(['entity_id', 'entity_ref', 'final_body', 'source_key']).where('entity_id', 'in', ids).execute();
    if (rows.length === 0) continue;
    const present = rows.map((row) => row.entity_id);
    const refs = rows.map((row) => row.entity_ref);
    const endpoints = await trx.selectFrom('catalog_relations').select('source_ref').distinct().where('originating_entity_id', 'in', present).execute();
    for (const endpoint of endpoints) touched.add(endpoint.source_ref);
    await trx.deleteFrom('catalog_relations').where('originating_entity_id', 'in', present).execute();
    await trx.deleteFrom('catalog_search').where('entity_id', 'in', present).execute();
    await trx.deleteFrom('catalog_entities').where('entity_id', 'in', present).execute();
    await trx.deleteFrom('catalog_stitch_queue').where('entity_ref', 'in', refs).execute();
    const history = rows.map((row) => [
      timeOrderedId(),
      row.entity_ref,
      row.entity_id,
      'removed',
      options.cause ?? row.source_key,
      options.now,
      JSON.stringify(diffJson(safeParse(row.final_body), {})),
      null,
    ]);
    await bulkInsert(trx, dialect, historyTable, history);
    for (const row of rows) {
      touched.delete(row.entity_ref);
      removed.push({ entityRef: row.entity_ref, entityId: row.entity_id });
    }
  }
  for (const entity of removed) touched.delete(entity.entityRef);
  await enqueueExisting(trx, touched, options.now);
  return removed;
}

function safeParse(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return {};
  }
}
