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
  const tablesBefore = await tableNames(connection);
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    const what = failed ? `migration '${failed.migrationName}'` : 'migrations';
    throw new Error(`Plugin '${pluginId}': ${what} failed: ${errorMessage(error)}`, { cause: error });
  }
  const applied = (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
  if (applied.length) await checkTablePrefix(connection, pluginId, tablesBefore);
  return applied;
}

/**
 * Plugins own only tables named after them (`catalog_entities` for `catalog`), so two plugins can
 * never collide and a reader can tell who owns a table. A migration that breaks the rule fails
 * the start instead of leaving a stray table behind unnoticed.
 */
async function checkTablePrefix(connection: DatabaseConnection, pluginId: string, before: Set<string>): Promise<void> {
  const prefix = `${tableSafe(pluginId)}_`;
  const stray = [...(await tableNames(connection))].filter((name) => !before.has(name) && !name.startsWith(prefix));
  if (stray.length) {
    throw new Error(`Plugin '${pluginId}': its migrations created ${stray.join(', ')}; table names must start with '${prefix}'`);
  }
}

async function tableNames(connection: DatabaseConnection): Promise<Set<string>> {
  const tables = await connection.kysely.introspection.getTables({ withInternalKyselyTables: true });
  return new Set(tables.map((table) => table.name));
}

function tableSafe(pluginId: string): string {
  return pluginId.replace(/-/g, '_');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
