import { sql, type Kysely, type Transaction } from 'kysely';
import type { CatalogTables } from '../../tables.js';
import type { DatabaseDialect } from '@portico/server';
import { bulkInsert, stitchQueueTable } from './bulk-write.js';
import { chunk } from './sql-helpers.js';

type Db = Kysely<CatalogTables> | Transaction<CatalogTables>;

/** Queues new entities: their first stitch writes search rows and the 'added' history row. */
export async function enqueueFresh(db: Db, dialect: DatabaseDialect, refs: readonly string[], now: number): Promise<void> {
  await bulkInsert(
    db,
    dialect,
    stitchQueueTable,
    refs.map((ref) => [ref, 1, now]),
    sql`on conflict (entity_ref) do update set fresh = 1`,
  );
}

/**
 * Queues the stored entities among `refs` for stitching (refs of entities not stored are
 * ignored: a relation may point at an entity that does not exist yet).
 */
export async function enqueueExisting(db: Db, refs: Iterable<string>, now: number): Promise<void> {
  for (const part of chunk([...new Set(refs)], 1000)) {
    if (part.length === 0) continue;
    await db
      .insertInto('catalog_stitch_queue')
      .columns(['entity_ref', 'fresh', 'queued_at'])
      .expression((eb) =>
        eb
          .selectFrom('catalog_entities')
          // Literals, not parameters: PostgreSQL would type parameters in a select list as text.
          .select(['entity_ref', sql.lit(0).as('fresh'), sql.lit(Math.trunc(now)).as('queued_at')])
          .where('entity_ref', 'in', part),
      )
      .onConflict((conflict) => conflict.column('entity_ref').doNothing())
      .execute();
  }
}
