import path from 'node:path';
import { stringify } from 'yaml';
import { loadConfig, maskSecrets, type LoadedConfig } from '../config/index.js';
import { connectDatabase } from '../database/connect.js';
import { createKernel, defaultPluginSearchPath, loadPluginPackages, migrateAll, stopOnSignals } from '../kernel/index.js';
import { BUILTIN_PLUGINS } from './builtin-plugins.js';
import { createLogger } from './logger.js';

export interface CommandOptions {
  configFiles: string[];
  cwd: string;
  out: (line: string) => void;
}

function pluginNames(config: LoadedConfig): string[] {
  return [...new Set([...BUILTIN_PLUGINS, ...config.core.plugins])];
}

export async function startCommand(options: CommandOptions): Promise<void> {
  const config = loadConfig({ files: options.configFiles, cwd: options.cwd });
  const logger = createLogger({ pretty: Boolean(process.stdout.isTTY) });
  const plugins = await loadPluginPackages(pluginNames(config), defaultPluginSearchPath(config.baseDir), (message) =>
    logger.warn(message),
  );
  const kernel = await createKernel({ config, plugins, logger });
  const listening = await kernel.start();
  stopOnSignals(kernel, logger, (code) => process.exit(code));

  const port = new URL(listening).port;
  const shown = `http://localhost:${port}`;
  options.out('');
  options.out(`  Portico is running at ${shown}`);
  options.out(`  database  ${kernel.connection.description}`);
  options.out(`  plugins   ${kernel.plugins.map((plugin) => plugin.id).join(', ') || '(none)'}`);
  options.out(`  config    ${config.files.map((file) => path.relative(options.cwd, file) || file).join(', ') || '(defaults)'}`);
  if (!kernel.webAppDir) options.out('  web app   not built: run `npm run build` to serve the UI');
  options.out('');
}

export async function migrateCommand(options: CommandOptions): Promise<void> {
  const config = loadConfig({ files: options.configFiles, cwd: options.cwd });
  const logger = createLogger({ pretty: Boolean(process.stdout.isTTY) });
  const loaded = await loadPluginPackages(pluginNames(config), defaultPluginSearchPath(config.baseDir), (message) =>
    logger.warn(message),
  );
  const connection = connectDatabase(config.core.backend.database, { baseDir: config.baseDir });
  try {
    const applied = await migrateAll(connection, loaded.map((entry) => entry.plugin), logger);
    const count = Object.values(applied).reduce((sum, names) => sum + names.length, 0);
    options.out(`${connection.description}: ${count} migration(s) applied, schema up to date`);
  } finally {
    await connection.close();
  }
}

export function configCheckCommand(options: CommandOptions): void {
  const config = loadConfig({ files: options.configFiles, cwd: options.cwd });
  for (const warning of config.warnings) options.out(`# warning: ${warning}`);
  options.out(`# merged from: ${config.files.join(', ') || '(no files; defaults only)'}`);
  options.out(stringify(maskSecrets(config.data)).trimEnd());
}
