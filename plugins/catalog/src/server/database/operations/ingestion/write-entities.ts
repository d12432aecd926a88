import type { EntityRelation } from '@portico/model';
import { reverseRelationType } from '@portico/model';
import type { Transaction } from 'kysely';
import type { CatalogTables } from '../../tables.js';
import { chunk, chunkRows } from './sql-helpers.js';
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
export async function writeEntityChanges(trx: Transaction<CatalogTables>, changes: EntityChanges, now: number): Promise<void> {
  const touched = new Set<string>();
  const changedIds = changes.changed.map((entity) => entity.entityId);

  for (const ids of chunk(changedIds, 1000)) {
    const old = await trx.selectFrom('catalog_relations').select('source_ref').distinct().where('originating_entity_id', 'in', ids).execute();
    for (const row of old) touched.add(row.source_ref);
    await trx.deleteFrom('catalog_relations').where('originating_entity_id', 'in', ids).execute();
  }

  for (const part of chunkRows(changes.added, 15)) {
    await trx
      .insertInto('catalog_entities')
      .values(
        part.map((entity) => ({
          entity_id: entity.entityId,
          entity_ref: entity.entityRef,
          kind: entity.kind,
          namespace: entity.namespace,
          name: entity.name,
          source_key: entity.sourceKey,
          origin_key: entity.originKey,
          body: entity.body,
          body_hash: entity.bodyHash,
          final_body: entity.finalBody,
          etag: entity.etag,
          errors: null,
          orphan: 0,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }

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

  const relationRows: Array<CatalogTables['catalog_relations']> = [];
  for (const entity of [...changes.added, ...changes.changed]) {
    for (const relation of entity.relations) {
      relationRows.push({ originating_entity_id: entity.entityId, source_ref: entity.entityRef, type: relation.type, target_ref: relation.targetRef });
      const reverse = reverseRelationType(relation.type);
      if (reverse) {
        relationRows.push({ originating_entity_id: entity.entityId, source_ref: relation.targetRef, type: reverse, target_ref: entity.entityRef });
      }
      touched.add(relation.targetRef);
    }
  }
  for (const part of chunkRows(relationRows, 4)) {
    await trx.insertInto('catalog_relations').values(part).execute();
  }

  await enqueueFresh(trx, changes.added.map((entity) => entity.entityRef), now);
  for (const entity of changes.changed) touched.add(entity.entityRef);
  for (const change of changes.statusChanged) touched.add(change.entityRef);
  for (const entity of changes.added) touched.delete(entity.entityRef);
  await enqueueExisting(trx, touched, now);
}
