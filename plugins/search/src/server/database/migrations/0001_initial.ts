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
      await sql`CREATE INDEX search_documents_tsv_idx ON search_documents USING gin (tsv)`.execute(db);
      await sql`CREATE INDEX search_documents_head_idx ON search_documents USING gin (head_tsv)`.execute(db);
      // The words of names and titles, for correcting misspelt words (pg_trgm, see enable-fuzzy.ts).
      await db.schema.createTable('search_words').addColumn('word', 'varchar(100)', (column) => column.primaryKey()).execute();
    } else {
      // External content: the index stores no copy of the text; triggers keep it in step.
      await sql`CREATE VIRTUAL TABLE search_documents_fts USING fts5(
        name, title, keywords, text,
        content='search_documents', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2', prefix='2 3')`.execute(db);
      await sql`CREATE TRIGGER search_documents_fts_insert AFTER INSERT ON search_documents BEGIN
        INSERT INTO search_documents_fts(rowid, name, title, keywords, text)
        VALUES (new.id, new.name, new.title, new.keywords, new.text);
      END`.execute(db);
      await sql`CREATE TRIGGER search_documents_fts_delete AFTER DELETE ON search_documents BEGIN
        INSERT INTO search_documents_fts(search_documents_fts, rowid, name, title, keywords, text)
        VALUES ('delete', old.id, old.name, old.title, old.keywords, old.text);
      END`.execute(db);
      await sql`CREATE TRIGGER search_documents_fts_update AFTER UPDATE ON search_documents BEGIN
        INSERT INTO search_documents_fts(search_documents_fts, rowid, name, title, keywords, text)
        VALUES ('delete', old.id, old.name, old.title, old.keywords, old.text);
        INSERT INTO search_documents_fts(rowid, name, title, keywords, text)
        VALUES (new.id, new.name, new.title, new.keywords, new.text);
      END`.execute(db);
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
