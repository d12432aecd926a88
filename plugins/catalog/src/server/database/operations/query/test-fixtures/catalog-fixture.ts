import crypto from 'node:crypto';
import {
  DEFAULT_NAMESPACE,
  relationsOf,
  reverseRelationType,
  stringifyEntityRef,
  type Entity,
  type EntityRelation,
  type EntityStatusItem,
} from '@portico/model';
import type { Kysely } from 'kysely';
import { migratePlugin, type DatabaseDialect } from '@portico/server';
import { createTestDatabase } from '@portico/server/testing';
import { catalogMigrations } from '../../../migrations/index.js';
import type { CatalogTables } from '../../../tables.js';
import { buildSearchRows } from '../../search/build-search-rows.js';

/**
 * Writes catalog rows straight into the tables, the way the stitcher leaves them, so the read
 * side can be tested (and measured) without the ingestion engine: entities with their final
 * bodies, relations in both directions, search rows from `buildSearchRows`.
 */
export interface FixtureEntity {
  entity: Entity;
  uid?: string;
  /** `<type>:<target>` of the registered location; defaults to the managed-by-origin annotation or `url:https://example.com/catalog-info.yaml`. */
  originKey?: string;
  sourceKey?: string;
  errors?: EntityStatusItem[];
  orphan?: boolean;
  updatedAt?: number;
}

export interface InsertedEntity {
  uid: string;
  ref: string;
  finalEntity: Entity;
}

const INSERT_BATCH = 200;

export async function insertCatalogEntities(
  db: Kysely<CatalogTables>,
  inputs: ReadonlyArray<Entity | FixtureEntity>,
): Promise<InsertedEntity[]> {
  const items = inputs.map((input) => ('entity' in input ? input : { entity: input }));
  const relationRows: Array<CatalogTables['catalog_relations']> = [];
  const relationsBySource = new Map<string, EntityRelation[]>();
  const prepared = items.map((item) => {
    const entity = withNamespace(item.entity);
    const ref = stringifyEntityRef(entity);
    const uid = item.uid ?? crypto.randomUUID();
    for (const relation of relationsOf(entity).relations) {
      relationRows.push({ originating_entity_id: uid, source_ref: ref, type: relation.type, target_ref: relation.targetRef });
      addRelation(relationsBySource, ref, relation);
      const reverse = reverseRelationType(relation.type);
      if (reverse) {
        relationRows.push({ originating_entity_id: uid, source_ref: relation.targetRef, type: reverse, target_ref: ref });
        addRelation(relationsBySource, relation.targetRef, { type: reverse, targetRef: ref });
      }
    }
    return { item, entity, ref, uid };
  });

  const now = Date.now();
  const inserted: InsertedEntity[] = [];
  // Final bodies and search rows are built a slice at a time so 100k entities fit in memory.
  await db.transaction().execute(async (tx) => {
    for (const batch of chunks(relationRows, INSERT_BATCH)) await tx.insertInto('catalog_relations').values(batch).execute();
    for (const slice of chunks(prepared, 50)) {
      const entityRows: Array<CatalogTables['catalog_entities']> = [];
      const searchRows: Array<CatalogTables['catalog_search']> = [];
      for (const { item, entity, ref, uid } of slice) {
        const finalEntity = stitch(entity, uid, relationsBySource.get(ref) ?? [], item.errors);
        entityRows.push(entityRow(item, entity, ref, uid, finalEntity, now));
        searchRows.push(...buildSearchRows(uid, finalEntity));
        inserted.push({ uid, ref, finalEntity });
      }
      await tx.insertInto('catalog_entities').values(entityRows).execute();
      for (const batch of chunks(searchRows, INSERT_BATCH)) await tx.insertInto('catalog_search').values(batch).execute();
    }
  });
  return inserted;
}

function stitch(entity: Entity, uid: string, relations: EntityRelation[], errors: EntityStatusItem[] | undefined): Entity {
  const withoutEtag: Entity = {
    ...entity,
    metadata: { ...entity.metadata, uid },
    relations: sortRelations(relations),
    ...(errors?.length ? { status: { items: errors } } : {}),
  };
  const etag = hash(JSON.stringify(withoutEtag));
  return { ...withoutEtag, metadata: { ...withoutEtag.metadata, etag } };
}

function entityRow(
  item: FixtureEntity,
  entity: Entity,
  ref: string,
  uid: string,
  finalEntity: Entity,
  now: number,
): CatalogTables['catalog_entities'] {
  const body = JSON.stringify(entity);
  const annotations = entity.metadata.annotations ?? {};
  const origin = item.originKey ?? annotations['backstage.io/managed-by-origin-location'] ?? 'url:https://example.com/catalog-info.yaml';
  return {
    entity_id: uid,
    entity_ref: ref,
    kind: entity.kind.toLowerCase(),
    namespace: (entity.metadata.namespace ?? DEFAULT_NAMESPACE).toLowerCase(),
    name: entity.metadata.name.toLowerCase(),
    source_key: item.sourceKey ?? `location:${annotations['backstage.io/managed-by-location'] ?? origin}`,
    origin_key: origin,
    body,
    body_hash: hash(body),
    final_body: JSON.stringify(finalEntity),
    etag: finalEntity.metadata.etag ?? '',
    errors: item.errors?.length ? JSON.stringify(item.errors) : null,
    orphan: item.orphan ? 1 : 0,
    created_at: item.updatedAt ?? now,
    updated_at: item.updatedAt ?? now,
  };
}

export async function insertLocation(
  db: Kysely<CatalogTables>,
  location: { id?: string; type: string; target: string; source?: 'api' | 'config' },
): Promise<string> {
  const id = location.id ?? crypto.randomUUID();
  await db
    .insertInto('catalog_locations')
    .values({
      id,
      type: location.type,
      target: location.target,
      source: location.source ?? 'api',
      created_at: Date.now(),
      next_refresh_at: Date.now(),
      lease_owner: null,
      lease_expires_at: null,
      content_hash: null,
      last_error: null,
      last_refreshed_at: null,
    })
    .execute();
  return id;
}

/** A minimal valid entity of the given kind, for tests that only care about a few fields. */
export function entityOf(kind: string, name: string, extra: { metadata?: Partial<Entity['metadata']>; spec?: Entity['spec'] } = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', ...extra.metadata },
    ...(extra.spec ? { spec: extra.spec } : {}),
  };
}

function withNamespace(entity: Entity): Entity {
  if (entity.metadata.namespace) return entity;
  return { ...entity, metadata: { ...entity.metadata, namespace: DEFAULT_NAMESPACE } };
}

function addRelation(map: Map<string, EntityRelation[]>, ref: string, relation: EntityRelation): void {
  const list = map.get(ref);
  if (list) list.push(relation);
  else map.set(ref, [relation]);
}

function sortRelations(relations: EntityRelation[]): EntityRelation[] {
  const unique = new Map(relations.map((relation) => [`${relation.type}\u0000${relation.targetRef}`, relation]));
  return [...unique.values()].sort((a, b) =>
    a.type === b.type ? compare(a.targetRef, b.targetRef) : compare(a.type, b.type),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function hash(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex').slice(0, 40);
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let index = 0; index < items.length; index += size) yield items.slice(index, index + size);
}

export interface CatalogTestDatabase {
  db: Kysely<CatalogTables>;
  dialect: DatabaseDialect;
  close(): Promise<void>;
}

/** A fresh database of the dialect with the catalog's migrations applied. */
export async function createCatalogTestDatabase(dialect: DatabaseDialect): Promise<CatalogTestDatabase> {
  const database = await createTestDatabase(dialect);
  await migratePlugin(database, 'catalog', catalogMigrations);
  return { db: database.kysely as unknown as Kysely<CatalogTables>, dialect, close: () => database.close() };
}

/** A row of catalog_sources: which file led to which, for ancestry. */
export async function insertSource(
  db: Kysely<CatalogTables>,
  source: { originKey: string; sourceKey: string; parentKey: string | null },
): Promise<void> {
  await db
    .insertInto('catalog_sources')
    .values({
      origin_key: source.originKey,
      source_key: source.sourceKey,
      parent_key: source.parentKey,
      content_hash: null,
      http_etag: null,
      last_error: null,
      refreshed_at: Date.now(),
    })
    .execute();
}
