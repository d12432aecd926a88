import { sql, type Kysely, type Migration } from 'kysely';

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

    await clusterRelationsBySource(db);
  },
};

/**
 * Relations are read by source (stitching, the graph) and deleted by originating entity; the
 * target index was never used (both directions are stored as rows). The table becomes keyed by
 * (source_ref, type, target_ref, originating_entity_id): on SQLite a WITHOUT ROWID table, so a
 * stitch reads an entity's relations from consecutive pages and an insert updates two b-trees
 * instead of four.
 */
async function clusterRelationsBySource(db: AnyDatabase): Promise<void> {
  const columns = sql`originating_entity_id, source_ref, type, target_ref`;
  const isSqlite = isSqliteDatabase(db);
  await db.schema
    .createTable('catalog_relations_new')
    .addColumn('originating_entity_id', 'varchar(64)', (column) => column.notNull())
    .addColumn('source_ref', 'varchar(400)', (column) => column.notNull())
    .addColumn('type', 'varchar(100)', (column) => column.notNull())
    .addColumn('target_ref', 'varchar(400)', (column) => column.notNull())
    .addPrimaryKeyConstraint('catalog_relations_pk', ['source_ref', 'type', 'target_ref', 'originating_entity_id'])
    .$call((builder) => (isSqlite ? builder.modifyEnd(sql`without rowid`) : builder))
    .execute();
  await sql`insert into catalog_relations_new (${columns}) select distinct ${columns} from catalog_relations`.execute(db);
  await db.schema.dropTable('catalog_relations').execute();
  await db.schema.alterTable('catalog_relations_new').renameTo('catalog_relations').execute();
  await db.schema.createIndex('catalog_relations_originating_idx').on('catalog_relations').column('originating_entity_id').execute();
}

/**
 * Migrations get no dialect; PostgreSQL runs DDL in transactions and SQLite's adapter says it
 * does not, which tells them apart without a failing statement (that would abort PostgreSQL's
 * migration transaction).
 */
function isSqliteDatabase(db: AnyDatabase): boolean {
  return !db.getExecutor().adapter.supportsTransactionalDdl;
}
