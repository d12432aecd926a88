import { NotFoundError } from '@portico/model';
import type { Kysely } from 'kysely';
import type { StoredLocation } from '../../../service/ingestion-api.js';
import type { CatalogTables } from '../../tables.js';

export async function listLocations(db: Kysely<CatalogTables>): Promise<StoredLocation[]> {
  return db.selectFrom('catalog_locations').select(['id', 'type', 'target']).orderBy('created_at').orderBy('id').execute();
}

export async function getLocation(db: Kysely<CatalogTables>, id: string): Promise<StoredLocation> {
  const row = await db.selectFrom('catalog_locations').select(['id', 'type', 'target']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`No location with id ${id}`);
  return row;
}

/** The registered or configured location an entity came in through (its origin). */
export async function getLocationByEntity(db: Kysely<CatalogTables>, entityRef: string): Promise<StoredLocation> {
  const entity = await db
    .selectFrom('catalog_entities')
    .select('origin_key')
    .where('entity_ref', '=', entityRef.toLowerCase())
    .executeTakeFirst();
  if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
  const separator = entity.origin_key.indexOf(':');
  const type = entity.origin_key.slice(0, separator);
  const target = entity.origin_key.slice(separator + 1);
  const row = await db
    .selectFrom('catalog_locations')
    .select(['id', 'type', 'target'])
    .where('type', '=', type)
    .where('target', '=', target)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`Entity ${entityRef} came from ${entity.origin_key}, which is not a registered location`);
  return row;
}
