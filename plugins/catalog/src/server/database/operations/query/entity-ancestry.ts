import type { Entity } from '@portico/model';
import type { Kysely } from 'kysely';
import type { CatalogTables } from '../../tables.js';

export interface EntityAncestry {
  rootEntityRef: string;
  items: Array<{ entity: Entity; parentEntityRefs: string[] }>;
}

const MAX_ANCESTORS = 200;

type Row = Pick<CatalogTables['catalog_entities'], 'entity_ref' | 'source_key' | 'origin_key' | 'final_body'>;

/**
 * Backstage's ancestry: the entity, the Location entities whose targets led to the file it was
 * read from, theirs, and so on up to the file of the registered (or configured) location. The
 * parents of an entity are the Location entities of the file its own file was reached from
 * (`catalog_sources.parent_key`); entities read from the root file, or pushed by a provider,
 * have none. Undefined when the entity does not exist.
 */
export async function getEntityAncestry(db: Kysely<CatalogTables>, entityRef: string): Promise<EntityAncestry | undefined> {
  const root = await db
    .selectFrom('catalog_entities')
    .select(['entity_ref', 'source_key', 'origin_key', 'final_body'])
    .where('entity_ref', '=', entityRef)
    .executeTakeFirst();
  if (!root) return undefined;
  const items: EntityAncestry['items'] = [];
  const seen = new Set<string>([root.entity_ref]);
  const queue: Row[] = [root];
  while (queue.length > 0 && items.length < MAX_ANCESTORS) {
    const current = queue.shift() as Row;
    const parents = await parentLocations(db, current);
    items.push({ entity: JSON.parse(current.final_body) as Entity, parentEntityRefs: parents.map((parent) => parent.entity_ref) });
    for (const parent of parents) {
      if (seen.has(parent.entity_ref)) continue;
      seen.add(parent.entity_ref);
      queue.push(parent);
    }
  }
  return { rootEntityRef: root.entity_ref, items };
}

async function parentLocations(db: Kysely<CatalogTables>, entity: Row): Promise<Row[]> {
  const source = await db
    .selectFrom('catalog_sources')
    .select('parent_key')
    .where('origin_key', '=', entity.origin_key)
    .where('source_key', '=', entity.source_key)
    .executeTakeFirst();
  if (!source?.parent_key) return [];
  // Refs of Location entities start with `location:`; the range keeps to the ref index.
  return db
    .selectFrom('catalog_entities')
    .select(['entity_ref', 'source_key', 'origin_key', 'final_body'])
    .where('source_key', '=', source.parent_key)
    .where('origin_key', '=', entity.origin_key)
    .where('entity_ref', '>=', 'location:')
    .where('entity_ref', '<', 'location;')
    .orderBy('entity_ref')
    .execute();
}
