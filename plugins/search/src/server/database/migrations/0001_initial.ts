import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

// Migrations describe the schema as it was when written, so they take the untyped builder.
type AnyDatabase = Kysely<Record<string, never>>;

export const initial: Migration = {
  async up(db: AnyDatabase) {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;

    await db.schema
      .createTable('search_sources')
      .addColumn('collator_id', 'varchar(100)', (column) => column.primaryKey())
      .addColumn('active_generation', 'integer', (column) => column.notNull())
      .addColumn('building_generation', 'integer')
      .addColumn('build_started_at', 'bigint')
      .addColumn('last_built_at', 'bigint')
      .addColumn('last_error', 'text')
      .execute();

    let documents = db.schema
      .createTable('search_documents')
      .addColumn('id', postgres ? 'bigserial' : 'integer', (column) => column.primaryKey())
      .addColumn('collator_id', 'varchar(100)', (column) => column.notNull())
      .addColumn('generation', 'integer', (column) => column.notNull())
      .addColumn('type', 'varchar(100)', (column) => column.notNull())
      .addColumn('doc_key', 'varchar(1000)', (column) => column.notNull())
      .addColumn('item_key', 'varchar(1000)', (column) => column.notNull())
      .addColumn('name', 'text', (column) => column.notNull())
      .addColumn('name_norm', 'text', (column) => column.notNull())
      .addColumn('title', 'text', (column) => column.notNull())
      .addColumn('title_norm', 'text', (column) => column.notNull())
      .addColumn('keywords', 'text', (column) => column.notNull())
      .addColumn('text', 'text', (column) => column.notNull())
      .addColumn('location', 'text', (column) => column.notNull())
      .addColumn('fields', 'text', (column) => column.notNull())
      .addColumn('owner_ref', 'varchar(400)')
      .addColumn('updated_at', 'bigint')
      .addColumn('indexed_at', 'bigint', (column) => column.notNull());
    if (postgres) {
      // Weights: A name, B title, C keywords, D text; ts_rank_cd reads them as {D,C,B,A}.
      documents = documents
        .addColumn('tsv', sql`tsvector`, (column) =>
          column
            .generatedAlwaysAs(
              sql`setweight(to_tsvector('english'::regconfig, name), 'A') || setweight(to_tsvector('english'::regconfig, title), 'B') || setweight(to_tsvector('english'::regconfig, keywords), 'C') || setweight(to_tsvector('english'::regconfig, text), 'D')`,
            )
            .stored(),
        )
        // Name and title on their own, with their own index: the best matches (in names and
        // titles) are found and ranked without touching every document that mentions a common
        // word somewhere in its text.
        .addColumn('head_tsv', sql`tsvector`, (column) =>
          column
            .generatedAlwaysAs(sql`setweight(to_tsvector('english'::regconfig, name), 'A') || setweight(to_tsvector('english'::regconfig, title), 'B')`)
            .stored(),
        );
    }
    await documents.execute();
    await db.schema
      .createIndex('search_documents_key_idx')
      .on('search_documents')
      .columns(['collator_id', 'generation', 'type', 'doc_key'])
      .unique()
      .execute();
    await db.schema
      .createIndex('search_documents_item_idx')
      .on('search_documents')
      .columns(['collator_id', 'generation', 'item_key'])
      .execute();

    // Listing by title when there is no term.
    await db.schema.createIndex('search_documents_title_idx').on('search_documents').columns(['title_norm', 'id']).execute();

    if (postgres) {
      // fastupdate off: with it on, every query also reads the index's unsorted pending list (up to
      // 4 MB after a rebuild), a few milliseconds each time.
      await sql`CREATE INDEX search_documents_tsv_idx ON search_documents USING gin (tsv) WITH (fastupdate = off)`.execute(db);
      // A search reads a few thousand rows at most; starting parallel workers for that costs more
      // latency than it saves, and the portal's own requests are the parallelism.
      await sql`ALTER TABLE search_documents SET (parallel_workers = 0)`.execute(db);
      await sql`CREATE INDEX search_documents_head_idx ON search_documents USING gin (head_tsv) WITH (fastupdate = off)`.execute(db);
      // The words of names and titles, for correcting misspelt words (pg_trgm, see enable-fuzzy.ts).
      await db.schema.createTable('search_words').addColumn('word', 'varchar(100)', (column) => column.primaryKey()).execute();
    } else {
      await createFtsIndex(db, 'search_documents_fts', ['name', 'title', 'keywords', 'text']);
      // Name and title on their own (as head_tsv on PostgreSQL): the best matches of a common
      // word are found without walking its whole list of documents.
      await createFtsIndex(db, 'search_documents_head_fts', ['name', 'title']);
    }

    await db.schema
      .createTable('search_document_fields')
      .addColumn('document_id', 'bigint', (column) => column.notNull())
      .addColumn('key', 'varchar(100)', (column) => column.notNull())
      .addColumn('value', 'varchar(300)', (column) => column.notNull())
      .addColumn('original_value', 'varchar(300)', (column) => column.notNull())
      .execute();
    // Filters and facets probe a candidate document's values, never scan a value's documents.
    await db.schema
      .createIndex('search_document_fields_document_idx')
      .on('search_document_fields')
      .columns(['document_id', 'key', 'value'])
      .execute();
    if (postgres) {
      // Without joint statistics PostgreSQL multiplies P(key) by P(value), guesses that
      // lifecycle=production is rare, and scans the whole table to hash it.
      await sql`CREATE STATISTICS search_document_fields_key_value (mcv, dependencies) ON key, value FROM search_document_fields`.execute(db);
      await sql`ALTER TABLE search_document_fields SET (parallel_workers = 0)`.execute(db);
    }

    await db.schema
      .createTable('search_pending')
      .addColumn('collator_id', 'varchar(100)', (column) => column.notNull())
      .addColumn('item_key', 'varchar(1000)', (column) => column.notNull())
      .addColumn('queued_at', 'bigint', (column) => column.notNull())
      .addPrimaryKeyConstraint('search_pending_pk', ['collator_id', 'item_key'])
      .execute();
    await db.schema.createIndex('search_pending_queued_idx').on('search_pending').column('queued_at').execute();

    await db.schema
      .createTable('search_build_marks')
      .addColumn('collator_id', 'varchar(100)', (column) => column.notNull())
      .addColumn('generation', 'integer', (column) => column.notNull())
      .addColumn('item_key', 'varchar(1000)', (column) => column.notNull())
      .addPrimaryKeyConstraint('search_build_marks_pk', ['collator_id', 'generation', 'item_key'])
      .execute();
  },
};

/**
 * An FTS5 index over columns of search_documents. External content: the index stores no copy of
 * the text; triggers keep it in step with the table.
 */
async function createFtsIndex(db: AnyDatabase, name: string, columns: string[]): Promise<void> {
  const list = columns.join(', ');
  const values = (row: 'new' | 'old') => columns.map((column) => `${row}.${column}`).join(', ');
  const remove = `INSERT INTO ${name}(${name}, rowid, ${list}) VALUES ('delete', old.id, ${values('old')});`;
  const add = `INSERT INTO ${name}(rowid, ${list}) VALUES (new.id, ${values('new')});`;
  await sql.raw(`CREATE VIRTUAL TABLE ${name} USING fts5(${list},
    content='search_documents', content_rowid='id', tokenize='porter unicode61 remove_diacritics 2', prefix='2 3')`).execute(db);
  await sql.raw(`CREATE TRIGGER ${name}_insert AFTER INSERT ON search_documents BEGIN ${add} END`).execute(db);
  await sql.raw(`CREATE TRIGGER ${name}_delete AFTER DELETE ON search_documents BEGIN ${remove} END`).execute(db);
  await sql.raw(`CREATE TRIGGER ${name}_update AFTER UPDATE ON search_documents BEGIN ${remove} ${add} END`).execute(db);
}
