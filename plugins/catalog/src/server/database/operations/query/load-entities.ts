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

/**
 * The final bodies (JSON text) of a page of ids, in the page's order; ids deleted meanwhile are
 * skipped. Text, so a response can carry them without parsing and re-serialising each entity.
 */
export async function loadBodiesInOrder(db: Kysely<CatalogTables>, entityIds: readonly string[]): Promise<string[]> {
  const bodies = await loadFinalBodies(db, entityIds);
  const ordered: string[] = [];
  for (const id of entityIds) {
    const body = bodies.get(id);
    if (body !== undefined) ordered.push(body);
  }
  return ordered;
}

export function parseEntity(body: string): Entity {
  return JSON.parse(body) as Entity;
}
