import { PostgresAdapter, type Kysely, type Migration } from 'kysely';

// Migrations describe the schema as it was when written, so they take the untyped builder.
type AnyDatabase = Kysely<Record<string, never>>;

export const tasks: Migration = {
  async up(db: AnyDatabase) {
    const pg = db.getExecutor().adapter instanceof PostgresAdapter;
    await db.schema
      .createTable('scaffolder_tasks')
      .addColumn('id', 'varchar(36)', (column) => column.primaryKey())
      .addColumn('spec', 'text', (column) => column.notNull())
      .addColumn('status', 'varchar(20)', (column) => column.notNull())
      .addColumn('template_ref', 'varchar(400)', (column) => column.notNull())
      .addColumn('created_by', 'varchar(400)')
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('started_at', 'bigint')
      .addColumn('completed_at', 'bigint')
      .addColumn('last_heartbeat_at', 'bigint')
      .addColumn('lease_owner', 'varchar(100)')
      .addColumn('lease_expires_at', 'bigint')
      .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('cancel_requested', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('secrets_key_id', 'varchar(64)')
      .addColumn('recovery_strategy', 'varchar(40)')
      .addColumn('state', 'text')
      .execute();
    await db.schema.createIndex('scaffolder_tasks_status_idx').on('scaffolder_tasks').columns(['status', 'created_at']).execute();
    await db.schema.createIndex('scaffolder_tasks_created_by_idx').on('scaffolder_tasks').columns(['created_by', 'created_at']).execute();
    await db.schema.createIndex('scaffolder_tasks_created_at_idx').on('scaffolder_tasks').column('created_at').execute();

    await db.schema
      .createTable('scaffolder_task_events')
      .addColumn('id', pg ? 'bigserial' : 'integer', (column) => (pg ? column.primaryKey() : column.primaryKey().autoIncrement()))
      .addColumn('task_id', 'varchar(36)', (column) => column.notNull().references('scaffolder_tasks.id').onDelete('cascade'))
      .addColumn('event_type', 'varchar(20)', (column) => column.notNull())
      .addColumn('body', 'text', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('scaffolder_task_events_task_idx').on('scaffolder_task_events').columns(['task_id', 'id']).execute();

    await db.schema
      .createTable('scaffolder_task_secrets')
      .addColumn('task_id', 'varchar(36)', (column) => column.primaryKey().references('scaffolder_tasks.id').onDelete('cascade'))
      .addColumn('ciphertext', 'text', (column) => column.notNull())
      .addColumn('key_id', 'varchar(64)', (column) => column.notNull())
      .addColumn('updated_at', 'bigint', (column) => column.notNull())
      .execute();
  },
  async down(db: AnyDatabase) {
    await db.schema.dropTable('scaffolder_task_secrets').execute();
    await db.schema.dropTable('scaffolder_task_events').execute();
    await db.schema.dropTable('scaffolder_tasks').execute();
  },
};
