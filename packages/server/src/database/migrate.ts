import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { DatabaseConnection } from './connect.js';

/**
 * Runs one plugin's migrations in name order, recorded in the plugin's own bookkeeping table
 * (`<pluginId>__migrations`), so plugins migrate independently and a third-party plugin's history
 * never mixes with ours. On PostgreSQL, Kysely takes an advisory lock, so replicas starting at
 * once migrate one at a time.
 */
export async function migratePlugin(
  connection: DatabaseConnection,
  pluginId: string,
  migrations: Record<string, Migration>,
): Promise<string[]> {
  if (Object.keys(migrations).length === 0) return [];
  const provider: MigrationProvider = { getMigrations: async () => migrations };
  const migrator = new Migrator({
    db: connection.kysely,
    provider,
    migrationTableName: `${tableSafe(pluginId)}__migrations`,
    migrationLockTableName: `${tableSafe(pluginId)}__migrations_lock`,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    const what = failed ? `migration '${failed.migrationName}'` : 'migrations';
    throw new Error(`Plugin '${pluginId}': ${what} failed: ${errorMessage(error)}`, { cause: error });
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

function tableSafe(pluginId: string): string {
  return pluginId.replace(/-/g, '_');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
