import type { Kysely, Migration } from 'kysely';

// Migrations describe the schema as it was when written, so they take the untyped builder.
type AnyDatabase = Kysely<Record<string, never>>;

export const initial: Migration = {
  async up(db: AnyDatabase) {
    await db.schema
      .createTable('catalog_entities')
      .addColumn('entity_id', 'varchar(64)', (column) => column.primaryKey())
      .addColumn('entity_ref', 'varchar(400)', (column) => column.notNull().unique())
      .addColumn('kind', 'varchar(100)', (column) => column.notNull())
      .addColumn('namespace', 'varchar(100)', (column) => column.notNull())
      .addColumn('name', 'varchar(200)', (column) => column.notNull())
      .addColumn('source_key', 'text', (column) => column.notNull())
      .addColumn('origin_key', 'text', (column) => column.notNull())
      .addColumn('body', 'text', (column) => column.notNull())
      .addColumn('body_hash', 'varchar(64)', (column) => column.notNull())
      .addColumn('final_body', 'text', (column) => column.notNull())
      .addColumn('etag', 'varchar(64)', (column) => column.notNull())
      .addColumn('errors', 'text')
      .addColumn('orphan', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('updated_at', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('catalog_entities_source_key_idx').on('catalog_entities').column('source_key').execute();
    await db.schema.createIndex('catalog_entities_origin_key_idx').on('catalog_entities').column('origin_key').execute();
    await db.schema
      .createIndex('catalog_entities_kind_name_idx')
      .on('catalog_entities')
      .columns(['kind', 'namespace', 'name'])
      .execute();

    await db.schema
      .createTable('catalog_relations')
      .addColumn('originating_entity_id', 'varchar(64)', (column) => column.notNull())
      .addColumn('source_ref', 'varchar(400)', (column) => column.notNull())
      .addColumn('type', 'varchar(100)', (column) => column.notNull())
      .addColumn('target_ref', 'varchar(400)', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('catalog_relations_originating_idx')
      .on('catalog_relations')
      .column('originating_entity_id')
      .execute();
    await db.schema.createIndex('catalog_relations_source_idx').on('catalog_relations').column('source_ref').execute();
    await db.schema.createIndex('catalog_relations_target_idx').on('catalog_relations').column('target_ref').execute();

    await db.schema
      .createTable('catalog_search')
      .addColumn('entity_id', 'varchar(64)', (column) => column.notNull())
      .addColumn('key', 'varchar(300)', (column) => column.notNull())
      .addColumn('value', 'text')
      .addColumn('original_value', 'text')
      .execute();
    await db.schema.createIndex('catalog_search_entity_idx').on('catalog_search').column('entity_id').execute();
    await db.schema.createIndex('catalog_search_key_value_idx').on('catalog_search').columns(['key', 'value']).execute();

    await db.schema
      .createTable('catalog_locations')
      .addColumn('id', 'varchar(64)', (column) => column.primaryKey())
      .addColumn('type', 'varchar(50)', (column) => column.notNull())
      .addColumn('target', 'text', (column) => column.notNull())
      .addColumn('source', 'varchar(20)', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('next_refresh_at', 'bigint', (column) => column.notNull())
      .addColumn('lease_owner', 'varchar(64)')
      .addColumn('lease_expires_at', 'bigint')
      .addColumn('content_hash', 'varchar(128)')
      .addColumn('last_error', 'text')
      .addColumn('last_refreshed_at', 'bigint')
      .execute();
    await db.schema
      .createIndex('catalog_locations_type_target_idx')
      .on('catalog_locations')
      .columns(['type', 'target'])
      .unique()
      .execute();
    await db.schema.createIndex('catalog_locations_due_idx').on('catalog_locations').column('next_refresh_at').execute();

    await db.schema
      .createTable('catalog_history')
      .addColumn('id', 'varchar(64)', (column) => column.primaryKey())
      .addColumn('entity_ref', 'varchar(400)', (column) => column.notNull())
      .addColumn('entity_id', 'varchar(64)', (column) => column.notNull())
      .addColumn('change', 'varchar(20)', (column) => column.notNull())
      .addColumn('source_key', 'text')
      .addColumn('changed_at', 'bigint', (column) => column.notNull())
      .addColumn('diff', 'text', (column) => column.notNull())
      .addColumn('etag', 'varchar(64)')
      .execute();
    await db.schema
      .createIndex('catalog_history_ref_idx')
      .on('catalog_history')
      .columns(['entity_ref', 'changed_at'])
      .execute();
  },
};
