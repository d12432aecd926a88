import type { Logger } from 'pino';
import type { DatabaseConnection } from '../database/connect.js';
import { migratePlugin } from '../database/migrate.js';
import type { ServerPlugin } from '../plugin-api/index.js';
import { schedulerMigrations } from '../scheduler/index.js';

/** Brings the kernel's tables and then each plugin's tables up to date, in plugin order. */
export async function migrateAll(
  connection: DatabaseConnection,
  plugins: readonly ServerPlugin[],
  logger: Logger,
): Promise<Record<string, string[]>> {
  const applied: Record<string, string[]> = {};
  applied.kernel = await migratePlugin(connection, 'kernel', schedulerMigrations);
  for (const plugin of plugins) {
    applied[plugin.id] = await migratePlugin(connection, plugin.id, plugin.migrations);
  }
  for (const [id, names] of Object.entries(applied)) {
    if (names.length) logger.info({ plugin: id, migrations: names }, 'applied migrations');
  }
  return applied;
}
