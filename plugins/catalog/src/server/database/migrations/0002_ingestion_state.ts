import type { Kysely, Migration } from 'kysely';

type AnyDatabase = Kysely<Record<string, never>>;

/**
 * State the ingestion engine keeps besides the entities: the queue of entities to stitch
 * (written with the change that calls for it, so a crash in between is repaired by the next
 * stitch run, and replicas share the stitching), and one row per file or URL read inside a
 * location tree.
 */
export const ingestionState: Migration = {
  async up(db: AnyDatabase) {
    await db.schema
      .createTable('catalog_stitch_queue')
      .addColumn('entity_ref', 'varchar(400)', (column) => column.primaryKey())
      .addColumn('fresh', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('queued_at', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('catalog_stitch_queue_queued_idx')
      .on('catalog_stitch_queue')
      .column('queued_at')
      .execute();

    await db.schema
      .createTable('catalog_sources')
      .addColumn('origin_key', 'varchar(1000)', (column) => column.notNull())
      .addColumn('source_key', 'varchar(1000)', (column) => column.notNull())
      .addColumn('parent_key', 'varchar(1000)')
      .addColumn('content_hash', 'varchar(128)')
      .addColumn('http_etag', 'varchar(400)')
      .addColumn('reusable', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('emitted_refs', 'text', (column) => column.notNull().defaultTo('[]'))
      .addColumn('children', 'text', (column) => column.notNull().defaultTo('[]'))
      .addColumn('last_error', 'text')
      .addColumn('refreshed_at', 'bigint', (column) => column.notNull())
      .addPrimaryKeyConstraint('catalog_sources_pk', ['origin_key', 'source_key'])
      .execute();
  },
};
