import type { Entity, EntityRelation } from '@portico/model';
import type { Kysely } from 'kysely';
import type { DatabaseDialect } from '@portico/server';
import type { CatalogTables } from '../../tables.js';
import { buildFinalEntity } from '../../../ingestion/stitch/final-entity.js';
import { diffJson } from '../../../ingestion/stitch/json-diff.js';
import { buildSearchRows, type SearchRow } from '../search/build-search-rows.js';
import { bulkInsert, bulkUpdateFinals, historyTable, searchTable } from './bulk-write.js';
import { chunk, withTransactionRetry } from './sql-helpers.js';
import { timeOrderedId } from './time-ordered-id.js';

/** An entity whose final body appeared or changed in a stitch, for events. */
export interface StitchedEntity {
  change: 'added' | 'changed';
  entityRef: string;
  entityId: string;
  etag: string;
}

export interface StitchBatchOptions {
  dialect: DatabaseDialect;
  /** Entities per transaction. */
  limit: number;
  now: number;
  /** Called when the search rows of an entity cannot be built; its identity rows are written instead. */
  onSearchRowsError?: (entityRef: string, error: Error) => void;
}

/**
 * Stitches the oldest queued entities in one transaction: final body = stored body + relations
 * from the relations table (both directions) + processing errors + orphan mark. Only entities
 * whose final body changed (or that were never stitched) get new search rows and a history row
 * with the diff. Queue rows are locked with SKIP LOCKED on PostgreSQL, so replicas stitch
 * different entities at once. Returns what changed; `undefined` when the queue was empty.
 */
export async function stitchNextBatch(db: Kysely<CatalogTables>, options: StitchBatchOptions): Promise<StitchedEntity[] | undefined> {
  return withTransactionRetry(() =>
    db.transaction().execute(async (trx) => {
      let queueQuery = trx.selectFrom('catalog_stitch_queue').select(['entity_ref', 'fresh']).orderBy('queued_at').orderBy('entity_ref').limit(options.limit);
      if (options.dialect === 'pg') queueQuery = queueQuery.forUpdate().skipLocked();
      const queued = await queueQuery.execute();
      if (queued.length === 0) return undefined;
      const refs = queued.map((row) => row.entity_ref);
      const fresh = new Set(queued.filter((row) => Number(row.fresh) === 1).map((row) => row.entity_ref));

      const entities = await trx
        .selectFrom('catalog_entities')
        .select(['entity_id', 'entity_ref', 'body', 'body_hash', 'errors', 'orphan', 'etag', 'final_body', 'source_key'])
        .where('entity_ref', 'in', refs)
        .execute();
      const relationsBySource = new Map<string, EntityRelation[]>();
      const relationRows = await trx
        .selectFrom('catalog_relations')
        .select(['source_ref', 'type', 'target_ref'])
        .where('source_ref', 'in', refs)
        .execute();
      for (const row of relationRows) {
        let list = relationsBySource.get(row.source_ref);
        if (!list) relationsBySource.set(row.source_ref, (list = []));
        list.push({ type: row.type, targetRef: row.target_ref });
      }

      const stitched: StitchedEntity[] = [];
      const finals: Array<[string, string, string]> = [];
      const written: string[] = [];
      const searchRows: Array<[string, string, string | null, string | null]> = [];
      const history: unknown[][] = [];
      for (const row of entities) {
        const isFresh = fresh.has(row.entity_ref);
        const final = buildFinalEntity({
          entityId: row.entity_id,
          body: row.body,
          bodyHash: row.body_hash,
          relations: relationsBySource.get(row.entity_ref) ?? [],
          errors: row.errors,
          orphan: Number(row.orphan) === 1,
        });
        if (!isFresh && final.etag === row.etag) continue;
        // A new entity's provisional final body is often already right (nothing points at it).
        if (final.etag !== row.etag) finals.push([row.entity_id, final.json, final.etag]);
        written.push(row.entity_id);
        for (const search of searchRowsOf(row.entity_id, row.entity_ref, final.entity, options)) {
          searchRows.push([search.entity_id, search.key, search.value, search.original_value]);
        }
        const before = isFresh ? {} : (JSON.parse(row.final_body) as unknown);
        history.push([
          timeOrderedId(),
          row.entity_ref,
          row.entity_id,
          isFresh ? 'added' : 'changed',
          row.source_key,
          options.now,
          JSON.stringify(diffJson(before, final.entity)),
          final.etag,
        ]);
        stitched.push({ change: isFresh ? 'added' : 'changed', entityRef: row.entity_ref, entityId: row.entity_id, etag: final.etag });
      }

      await bulkUpdateFinals(trx, options.dialect, finals);
      for (const ids of chunk(written, 1000)) {
        await trx.deleteFrom('catalog_search').where('entity_id', 'in', ids).execute();
      }
      await bulkInsert(trx, options.dialect, searchTable, searchRows);
      await bulkInsert(trx, options.dialect, historyTable, history);
      await trx.deleteFrom('catalog_stitch_queue').where('entity_ref', 'in', refs).execute();
      return stitched;
    }),
  );
}

function searchRowsOf(entityId: string, entityRef: string, entity: Entity, options: StitchBatchOptions): SearchRow[] {
  try {
    return buildSearchRows(entityId, entity);
  } catch (error) {
    options.onSearchRowsError?.(entityRef, error as Error);
    return buildSearchRows(entityId, { apiVersion: entity.apiVersion, kind: entity.kind, metadata: { name: entity.metadata.name, namespace: entity.metadata.namespace ?? 'default' } });
  }
}
