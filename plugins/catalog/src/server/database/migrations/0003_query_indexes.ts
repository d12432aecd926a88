import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

type AnyDatabase = Kysely<Record<string, never>>;

/**
 * Indexes shaped for the read side (measured at 100k entities, see query/perf/):
 *
 * - (key, value, original_value, entity_id) on catalog_search answers "entities with key = v"
 *   (filters, by-query full text), walks one key in value order (sorted pages) and groups one
 *   key's values (facets) from the index alone, without reading table rows;
 * - (entity_id, key, value) answers the per-entity probes of compiled filters and sort values.
 *   Both replace the narrower indexes of 0001, which they cover.
 *
 * On PostgreSQL, search values and refs compare in code point order ("C" collation), as on
 * SQLite: pages sort the same on both databases, a cursor's boundary compares the way the index
 * is ordered, and `kind` filters may use ref ranges (`component:` up to `component;`), which a
 * language collation that skips punctuation would break.
 */
export const queryIndexes: Migration = {
  async up(db: AnyDatabase) {
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`ALTER TABLE catalog_search
        ALTER COLUMN key TYPE varchar(300) COLLATE "C",
        ALTER COLUMN value TYPE text COLLATE "C",
        ALTER COLUMN original_value TYPE text COLLATE "C"`.execute(db);
      await sql`ALTER TABLE catalog_entities ALTER COLUMN entity_ref TYPE varchar(400) COLLATE "C"`.execute(db);
      await sql`ALTER TABLE catalog_relations
        ALTER COLUMN source_ref TYPE varchar(400) COLLATE "C",
        ALTER COLUMN target_ref TYPE varchar(400) COLLATE "C"`.execute(db);
    }
    await db.schema.dropIndex('catalog_search_key_value_idx').execute();
    await db.schema.dropIndex('catalog_search_entity_idx').execute();
    await db.schema
      .createIndex('catalog_search_key_value_original_entity_idx')
      .on('catalog_search')
      .columns(['key', 'value', 'original_value', 'entity_id'])
      .execute();
    await db.schema
      .createIndex('catalog_search_entity_key_value_idx')
      .on('catalog_search')
      .columns(['entity_id', 'key', 'value'])
      .execute();
  },
};
