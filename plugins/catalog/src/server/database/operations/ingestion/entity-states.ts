import type { Kysely } from 'kysely';
import type { CatalogTables } from '../../tables.js';
import { chunk } from './sql-helpers.js';

/** What ingestion compares a freshly read entity with. */
export interface EntityState {
  entityId: string;
  entityRef: string;
  sourceKey: string;
  originKey: string;
  bodyHash: string;
  errors: string | null;
  orphan: boolean;
}

/** The stored state of the given refs (lower-cased), keyed by ref; refs not stored are absent. */
export async function loadEntityStates(db: Kysely<CatalogTables>, refs: readonly string[]): Promise<Map<string, EntityState>> {
  const states = new Map<string, EntityState>();
  for (const part of chunk([...new Set(refs)], 1000)) {
    if (part.length === 0) continue;
    const rows = await db
      .selectFrom('catalog_entities')
      .select(['entity_id', 'entity_ref', 'source_key', 'origin_key', 'body_hash', 'errors', 'orphan'])
      .where('entity_ref', 'in', part)
      .execute();
    for (const row of rows) {
      states.set(row.entity_ref, {
        entityId: row.entity_id,
        entityRef: row.entity_ref,
        sourceKey: row.source_key,
        originKey: row.origin_key,
        bodyHash: row.body_hash,
        errors: row.errors,
        orphan: Number(row.orphan) === 1,
      });
    }
  }
  return states;
}
