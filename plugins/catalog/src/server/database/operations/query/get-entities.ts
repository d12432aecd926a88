import { parseEntityRef, stringifyEntityRef, type Entity } from '@portico/model';
import type { Kysely } from 'kysely';
import type { EntityFilter } from '../../../query/entity-filter.js';
import type { CatalogTables } from '../../tables.js';
import { compileFilter } from './compile-filter.js';

/** One entity by its ref (`kind:namespace/name`, any case; a ref without namespace means `default`). */
export async function getEntityByRef(db: Kysely<CatalogTables>, entityRef: string): Promise<Entity | undefined> {
  const ref = normalizeRef(entityRef);
  if (ref === undefined) return undefined;
  const row = await db.selectFrom('catalog_entities').select('final_body').where('entity_ref', '=', ref).executeTakeFirst();
  return row ? (JSON.parse(row.final_body) as Entity) : undefined;
}

export async function getEntityByUid(db: Kysely<CatalogTables>, uid: string): Promise<Entity | undefined> {
  const row = await db.selectFrom('catalog_entities').select('final_body').where('entity_id', '=', uid).executeTakeFirst();
  return row ? (JSON.parse(row.final_body) as Entity) : undefined;
}

const CHUNK = 500;

/**
 * Entities for refs, in the order asked, with null for refs that do not exist, do not parse or
 * do not pass the filter (Backstage's by-refs). Asking for a ref twice gives it twice. JSON
 * text, so a response can carry them as they are.
 */
export async function getEntityBodiesByRefs(
  db: Kysely<CatalogTables>,
  entityRefs: readonly string[],
  filter?: EntityFilter,
): Promise<Array<string | null>> {
  const normalized = entityRefs.map(normalizeRef);
  const wanted = [...new Set(normalized.filter((ref): ref is string => ref !== undefined))];
  const found = new Map<string, string>();
  for (let index = 0; index < wanted.length; index += CHUNK) {
    let query = db
      .selectFrom('catalog_entities as e')
      .select(['e.entity_ref', 'e.final_body'])
      .where('e.entity_ref', 'in', wanted.slice(index, index + CHUNK));
    if (filter) query = query.where(compileFilter(filter, { entityId: 'e.entity_id', entityRef: 'e.entity_ref' }));
    for (const row of await query.execute()) found.set(row.entity_ref, row.final_body);
  }
  return normalized.map((ref) => (ref === undefined ? null : (found.get(ref) ?? null)));
}

/** getEntityBodiesByRefs, parsed (each position its own object). */
export async function getEntitiesByRefs(
  db: Kysely<CatalogTables>,
  entityRefs: readonly string[],
  filter?: EntityFilter,
): Promise<Array<Entity | null>> {
  const bodies = await getEntityBodiesByRefs(db, entityRefs, filter);
  return bodies.map((body) => (body === null ? null : (JSON.parse(body) as Entity)));
}

/** The stored form of a ref: lower-cased, namespace defaulted; undefined when it is not a ref. */
export function normalizeRef(entityRef: string): string | undefined {
  try {
    const parsed = parseEntityRef(entityRef);
    return stringifyEntityRef(parsed);
  } catch {
    return undefined;
  }
}
