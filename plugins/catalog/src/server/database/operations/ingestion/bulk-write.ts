import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DatabaseDialect } from '@portico/server';
import type { CatalogTables } from '../../tables.js';
import { chunk } from './sql-helpers.js';

type Db = Kysely<CatalogTables> | Transaction<CatalogTables>;

export type ColumnType = 'text' | 'integer' | 'bigint';

/** A table of ours and its columns in the order rows list them. */
export interface BulkTable {
  name: keyof CatalogTables;
  columns: ReadonlyArray<readonly [name: string, type: ColumnType]>;
}

/** Rows per statement: a few megabytes of JSON at most. */
const ROWS_PER_STATEMENT = 2000;

/**
 * Many rows in one statement with one parameter: the rows travel as a JSON array of arrays and
 * the database unpacks them (SQLite `json_each`, PostgreSQL `json_array_elements`). Compared
 * with multi-row VALUES this binds one value instead of thousands, so neither the query builder
 * nor the database spends its time on placeholders.
 */
function rowsSource(dialect: DatabaseDialect, table: BulkTable, json: string): RawBuilder<unknown> {
  if (dialect === 'pg') {
    const values = table.columns.map(([, type], index) => sql.raw(type === 'text' ? `(e->>${index})` : `(e->>${index})::${type}`));
    return sql`select ${sql.join(values)} from json_array_elements(${json}::json) as e`;
  }
  const values = table.columns.map((_, index) => sql.raw(`value->>${index}`));
  // `where true` lets SQLite parse an ON CONFLICT clause after a SELECT.
  return sql`select ${sql.join(values)} from json_each(${json}) where true`;
}

export async function bulkInsert(
  db: Db,
  dialect: DatabaseDialect,
  table: BulkTable,
  rows: ReadonlyArray<readonly unknown[]>,
  onConflict?: RawBuilder<unknown>,
): Promise<void> {
  const columns = sql.join(table.columns.map(([name]) => sql.ref(name)));
  for (const part of chunk(rows, ROWS_PER_STATEMENT)) {
    if (part.length === 0) continue;
    const source = rowsSource(dialect, table, JSON.stringify(part));
    await sql`insert into ${sql.table(table.name)} (${columns}) ${source} ${onConflict ?? sql``}`.execute(db);
  }
}

/** Sets final_body and etag of many entities: rows are [entity_id, final_body, etag]. */
export async function bulkUpdateFinals(db: Db, dialect: DatabaseDialect, rows: ReadonlyArray<readonly [string, string, string]>): Promise<void> {
  for (const part of chunk(rows, ROWS_PER_STATEMENT)) {
    if (part.length === 0) continue;
    const json = JSON.stringify(part);
    if (dialect === 'pg') {
      await sql`update catalog_entities set final_body = e->>1, etag = e->>2
        from json_array_elements(${json}::json) as e where catalog_entities.entity_id = e->>0`.execute(db);
    } else {
      await sql`update catalog_entities set final_body = j.value->>1, etag = j.value->>2
        from json_each(${json}) as j where catalog_entities.entity_id = j.value->>0`.execute(db);
    }
  }
}

export const searchTable: BulkTable = {
  name: 'catalog_search',
  columns: [
    ['entity_id', 'text'],
    ['key', 'text'],
    ['value', 'text'],
    ['original_value', 'text'],
  ],
};

export const relationsTable: BulkTable = {
  name: 'catalog_relations',
  columns: [
    ['originating_entity_id', 'text'],
    ['source_ref', 'text'],
    ['type', 'text'],
    ['target_ref', 'text'],
  ],
};

export const historyTable: BulkTable = {
  name: 'catalog_history',
  columns: [
    ['id', 'text'],
    ['entity_ref', 'text'],
    ['entity_id', 'text'],
    ['change', 'text'],
    ['source_key', 'text'],
    ['changed_at', 'bigint'],
    ['diff', 'text'],
    ['etag', 'text'],
  ],
};

export const entitiesTable: BulkTable = {
  name: 'catalog_entities',
  columns: [
    ['entity_id', 'text'],
    ['entity_ref', 'text'],
    ['kind', 'text'],
    ['namespace', 'text'],
    ['name', 'text'],
    ['source_key', 'text'],
    ['origin_key', 'text'],
    ['body', 'text'],
    ['body_hash', 'text'],
    ['final_body', 'text'],
    ['etag', 'text'],
    ['errors', 'text'],
    ['orphan', 'integer'],
    ['created_at', 'bigint'],
    ['updated_at', 'bigint'],
  ],
};

export const stitchQueueTable: BulkTable = {
  name: 'catalog_stitch_queue',
  columns: [
    ['entity_ref', 'text'],
    ['fresh', 'integer'],
    ['queued_at', 'bigint'],
  ],
};
