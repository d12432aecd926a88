import path from 'node:path';
import type { z } from 'zod';
import { ConfigError } from './errors.js';
import { environmentOverrides, isObject, mergeConfig } from './merge.js';
import { defaultConfigPaths, readConfigFile, type ConfigObject, type ConfigValue } from './read-files.js';
import { coreConfigSchema, type CoreConfig } from './schema.js';
import { substitute } from './substitute.js';

export interface LoadConfigOptions {
  /** Files to merge in order; when empty, the default files found in `cwd`. */
  files?: string[];
  cwd?: string;
  env?: Readonly<Record<string, string | undefined>>;
}

export interface LoadedConfig {
  /** The merged raw config, after substitution and environment overrides. */
  readonly data: ConfigObject;
  /** The kernel's validated section. */
  readonly core: CoreConfig;
  /** The files that were merged, in order. */
  readonly files: string[];
  /** The folder relative paths in config resolve against (the first file's folder, or cwd). */
  readonly baseDir: string;
  readonly warnings: string[];
  /** The file that last set a key, for messages. */
  originOf(keyPath: string): string | undefined;
  get(keyPath: string): ConfigValue | undefined;
}

export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const files = (options.files?.length ? options.files : defaultConfigPaths(cwd)).map((file) => path.resolve(cwd, file));
  const warnings: string[] = [];
  const origins = new Map<string, string>();

  let data: ConfigObject = {};
  for (const file of files) {
    const raw = readConfigFile(file);
    const context = { env, baseDir: path.dirname(file), file, warn: (message: string) => warnings.push(message) };
    const substituted = substitute(raw.data, context);
    if (isObject(substituted)) data = mergeConfig(data, substituted, file, origins);
  }
  data = mergeConfig(data, environmentOverrides(env), 'environment', origins);

  const baseDir = files[0] ? path.dirname(files[0]) : cwd;
  const config: Omit<LoadedConfig, 'core'> = {
    data,
    files,
    baseDir,
    warnings,
    originOf: (keyPath) => originFor(origins, keyPath),
    get: (keyPath) => getPath(data, keyPath),
  };
  const core = parseSection(coreConfigSchema, data, '', config);
  return { ...config, core };
}

/**
 * Validates one section of the config (the kernel's, or a plugin's under its id) and throws a
 * ConfigError naming every bad key, what was expected and the file it came from.
 */
export function parseSection<T>(
  schema: z.ZodType<T>,
  value: unknown,
  prefix: string,
  config: Pick<LoadedConfig, 'originOf'>,
): T {
  const result = schema.safeParse(value ?? undefined);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const keyPath = [prefix, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)';
    const origin = config.originOf(keyPath);
    return `  ${keyPath}: ${issue.message}${origin ? ` (from ${origin})` : ''}`;
  });
  throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
}

function originFor(origins: Map<string, string>, keyPath: string): string | undefined {
  let current = keyPath;
  while (current) {
    const origin = origins.get(current);
    if (origin) return origin;
    const dot = current.lastIndexOf('.');
    current = dot === -1 ? '' : current.slice(0, dot);
  }
  return undefined;
}

export function getPath(data: ConfigObject, keyPath: string): ConfigValue | undefined {
  let current: ConfigValue | undefined = data;
  for (const key of keyPath.split('.')) {
    if (!isObject(current)) return undefined;
    current = Object.hasOwn(current, key) ? current[key] : undefined;
  }
  return current;
}
