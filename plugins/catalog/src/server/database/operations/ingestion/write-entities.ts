import type { EntityRelation } from '@portico/model';
import { reverseRelationType } from '@portico/model';
import { sql, type Transaction } from 'kysely';
import type { CatalogTables } from '../../tables.js';
import type { DatabaseDialect } from '@portico/server';
import { bulkInsert, entitiesTable, relationsTable } from './bulk-write.js';
import { chunk } from './sql-helpers.js';
import { enqueueExisting, enqueueFresh } from './stitch-queue.js';

export interface EntityIdentity {
  entityId: string;
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
}

/** A new entity, with a provisional final body (its own relations) until it is stitched. */
export interface NewEntity extends EntityIdentity {
  sourceKey: string;
  originKey: string;
  body: string;
  bodyHash: string;
  finalBody: string;
  etag: string;
  relations: EntityRelation[];
}

/** A stored entity whose body changed (or that moved to another source of the same tree). */
export interface ChangedEntity extends EntityIdentity {
  sourceKey: string;
  originKey: string;
  body: string;
  bodyHash: string;
  relations: EntityRelation[];
}

/** A stored entity whose processing problems changed, or that is emitted again after being an orphan. */
export interface StatusChange {
  entityId: string;
  entityRef: string;
  errors: string | null;
}

export interface EntityChanges {
  added: NewEntity[];
  changed: ChangedEntity[];
  statusChanged: StatusChange[];
}

/**
 * Writes one batch of processed entities in the caller's transaction: multi-row inserts of new
 * entities and their relations (both directions), updates of changed ones (their relation rows
 * replaced), and the stitch queue: the entities themselves and every entity a relation was
 * added to or removed from.
 */
export async function writeEntityChanges(trx: Transaction<CatalogTables>, dialect: DatabaseDialect, changes: EntityChanges, now: number): Promise<void> {
  const touched = new Set<string>();
  const changedIds = changes.changed.map((entity) => entity.entityId);

  for (const ids of chunk(changedIds, 1000)) {
    const old = await trx.selectFrom('catalog_relations').select('source_ref').distinct().where('originating_entity_id', 'in', ids).execute();
    for (const row of old) touched.add(row.source_ref);
    await trx.deleteFrom('catalog_relations').where('originating_entity_id', 'in', ids).execute();
  }

  await bulkInsert(
    trx,
    dialect,
    entitiesTable,
    changes.added.map((entity) => [
      entity.entityId,
      entity.entityRef,
      entity.kind,
      entity.namespace,
      entity.name,
      entity.sourceKey,
      entity.originKey,
      entity.body,
      entity.bodyHash,
      entity.finalBody,
      entity.etag,
      null,
      0,
      now,
      now,
    ]),
  );

  for (const entity of changes.changed) {
    await trx
      .updateTable('catalog_entities')
      .set({
        kind: entity.kind,
        namespace: entity.namespace,
        name: entity.name,
        source_key: entity.sourceKey,
        origin_key: entity.originKey,
        body: entity.body,
        body_hash: entity.bodyHash,
        errors: null,
        orphan: 0,
        updated_at: now,
      })
      .where('entity_id', '=', entity.entityId)
      .execute();
  }

  for (const change of changes.statusChanged) {
    await trx
      .updateTable('catalog_entities')
      .set({ errors: change.errors, orphan: 0, updated_at: now })
      .where('entity_id', '=', change.entityId)
      .execute();
  }

  const relationRows: Array<[string, string, string, string]> = [];
  for (const entity of [...changes.added, ...changes.changed]) {
    for (const relation of entity.relations) {
      relationRows.push([entity.entityId, entity.entityRef, relation.type, relation.targetRef]);
      const reverse = reverseRelationType(relation.type);
      if (reverse) {
        relationRows.push([entity.entityId, relation.targetRef, reverse, entity.entityRef]);
      }
      touched.add(relation.targetRef);
    }
  }
  // An entity related to itself both ways yields the same row twice.
  await bulkInsert(trx, dialect, relationsTable, relationRows, sql`on conflict do nothing`);

  await enqueueFresh(trx, dialect, changes.added.map((entity) => entity.entityRef), now);
  for (const entity of changes.changed) touched.add(entity.entityRef);
  for (const change of changes.statusChanged) touched.add(change.entityRef);
  for (const entity of changes.added) touched.delete(entity.entityRef);
  await enqueueExisting(trx, touched, now);
}
