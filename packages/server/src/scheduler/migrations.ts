import type { Kysely, Migration } from 'kysely';

/**
 * The scheduler's tables, run by the kernel under the plugin id `kernel`. Names carry a date so
 * they stay in order next to the kernel's other migrations.
 */
export const schedulerMigrations: Record<string, Migration> = {
  '20261127_01_scheduler_tasks': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('kernel_scheduled_tasks')
        .addColumn('id', 'varchar(255)', (column) => column.primaryKey())
        .addColumn('frequency_ms', 'bigint', (column) => column.notNull())
        .addColumn('next_run_at', 'bigint', (column) => column.notNull())
        .addColumn('lease_owner', 'varchar(255)')
        .addColumn('lease_expires_at', 'bigint')
        .addColumn('last_run_started_at', 'bigint')
        .addColumn('last_run_ended_at', 'bigint')
        .addColumn('last_run_error', 'text')
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('kernel_scheduled_tasks').execute();
    },
  },
};
