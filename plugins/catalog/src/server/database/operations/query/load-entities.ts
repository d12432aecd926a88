import type { Entity } from '@portico/model';
import type { Kysely } from 'kysely';
import type { CatalogTables } from '../../tables.js';

const CHUNK = 500;

/** Final bodies (JSON text) by entity id, for the given ids; unknown ids are absent. */
export async function loadFinalBodies(db: Kysely<CatalogTables>, entityIds: readonly string[]): Promise<Map<string, string>> {
  const bodies = new Map<string, string>();
  const unique = [...new Set(entityIds)];
  for (let index = 0; index < unique.length; index += CHUNK) {
    const rows = await db
      .selectFrom('catalog_entities')
      .select(['entity_id', 'final_body'])
      .where('entity_id', 'in', unique.slice(index, index + CHUNK))
      .execute();
    for (const row of rows) bodies.set(row.entity_id, row.final_body);
  }
  return bodies;
}

/** The entities of a page of ids, in the page's order; ids deleted meanwhile are skipped. */
export async function loadEntitiesInOrder(db: Kysely<CatalogTables>, entityIds: readonly string[]): Promise<Entity[]> {
  const bodies = await loadFinalBodies(db, entityIds);
  const entities: Entity[] = [];
  for (const id of entityIds) {
    const body = bodies.get(id);
    if (body !== undefined) entities.push(JSON.parse(body) as Entity);
  }
  return entities;
}
