import { randomUUID } from 'node:crypto';
import type { Entity, EntityRelation } from '@portico/model';
import { sql, type Kysely } from 'kysely';
import type { DatabaseDialect } from '@portico/server';
import type { CatalogTables } from '../../tables.js';
import { buildFinalEntity } from '../../../ingestion/stitch/final-entity.js';
import { diffJson } from '../../../ingestion/stitch/json-diff.js';
import { buildSearchRows, type SearchRow } from '../search/build-search-rows.js';
import { chunk, chunkRows, withTransactionRetry } from './sql-helpers.js';

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
        .select(['entity_id', 'entity_ref', 'body', 'errors', 'orphan', 'etag', 'final_body', 'source_key'])
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
      const finals: Array<{ entityId: string; json: string; etag: string }> = [];
      const searchRows: SearchRow[] = [];
      const history: Array<CatalogTables['catalog_history']> = [];
      for (const row of entities) {
        const isFresh = fresh.has(row.entity_ref);
        const final = buildFinalEntity({
          entityId: row.entity_id,
          body: row.body,
          relations: relationsBySource.get(row.entity_ref) ?? [],
          errors: row.errors,
          orphan: Number(row.orphan) === 1,
        });
        if (!isFresh && final.etag === row.etag) continue;
        finals.push({ entityId: row.entity_id, json: final.json, etag: final.etag });
        searchRows.push(...searchRowsOf(row.entity_id, row.entity_ref, final.entity, options));
        const before = isFresh ? {} : (JSON.parse(row.final_body) as unknown);
        history.push({
          id: randomUUID(),
          entity_ref: row.entity_ref,
          entity_id: row.entity_id,
          change: isFresh ? 'added' : 'changed',
          source_key: row.source_key,
          changed_at: options.now,
          diff: JSON.stringify(diffJson(before, final.entity)),
          etag: final.etag,
        });
        stitched.push({ change: isFresh ? 'added' : 'changed', entityRef: row.entity_ref, entityId: row.entity_id, etag: final.etag });
      }

      for (const part of chunkRows(finals, 3)) {
        const values = sql.join(part.map((final) => sql`(${final.entityId}, ${final.json}, ${final.etag})`));
        await sql`with stitched(entity_id, final_body, etag) as (values ${values})
          update catalog_entities set final_body = stitched.final_body, etag = stitched.etag
          from stitched where catalog_entities.entity_id = stitched.entity_id`.execute(trx);
      }
      for (const ids of chunk(finals.map((final) => final.entityId), 1000)) {
        await trx.deleteFrom('catalog_search').where('entity_id', 'in', ids).execute();
      }
      for (const part of chunkRows(searchRows, 4)) await trx.insertInto('catalog_search').values(part).execute();
      for (const part of chunkRows(history, 8)) await trx.insertInto('catalog_history').values(part).execute();
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
