import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError } from './errors.js';

export type ConfigValue = string | number | boolean | null | ConfigValue[] | ConfigObject;
export interface ConfigObject {
  [key: string]: ConfigValue;
}

export interface ConfigFile {
  path: string;
  data: ConfigObject;
}

/** Files read when no --config is given, in merge order: Backstage's file first, ours on top. */
export const DEFAULT_CONFIG_FILES = ['app-config.yaml', 'app-config.local.yaml', 'portico.yaml', 'portico.local.yaml'];

export function defaultConfigPaths(cwd: string): string[] {
  return DEFAULT_CONFIG_FILES.map((name) => path.join(cwd, name)).filter((file) => fs.existsSync(file));
}

export function readConfigFile(file: string): ConfigFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read config file ${file}: ${(error as Error).message}`);
  }
  // maxAliasCount keeps a hostile file with nested aliases from exploding in memory.
  const document = parseDocument(text, { prettyErrors: true });
  const [firstError] = document.errors;
  if (firstError) {
    const position = firstError.linePos?.[0];
    const where = position ? `${file}:${position.line}:${position.col}` : file;
    throw new ConfigError(`Invalid YAML in ${where}: ${firstError.message.split('\n')[0]}`);
  }
  const data: unknown = document.toJS({ maxAliasCount: 100 });
  if (data === null || data === undefined) return { path: file, data: {} };
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigError(`Config file ${file} must hold a mapping of keys at its top level`);
  }
  return { path: file, data: data as ConfigObject };
}
