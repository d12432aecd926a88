import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from './errors.js';
import type { ConfigObject, ConfigValue } from './read-files.js';

export interface SubstitutionContext {
  env: Readonly<Record<string, string | undefined>>;
  /** Folder of the file being read, for `$file` includes. */
  baseDir: string;
  file: string;
  warn(message: string): void;
}

const placeholder = /\$\$\{|\$\{([^{}]*)\}/g;

/**
 * Replaces `${VAR}` in every string with the environment variable's value (`$${` stays a literal
 * `${`). A value that is only a missing variable becomes unset, so defaults apply, as in Backstage.
 * Also resolves Backstage's `$env: VAR` and `$file: path` objects.
 */
export function substitute(value: ConfigValue, context: SubstitutionContext, keyPath = ''): ConfigValue | undefined {
  if (typeof value === 'string') return substituteString(value, context, keyPath);
  if (Array.isArray(value)) {
    const items: ConfigValue[] = [];
    value.forEach((item, index) => {
      const result = substitute(item, context, `${keyPath}[${index}]`);
      if (result !== undefined) items.push(result);
    });
    return items;
  }
  if (value !== null && typeof value === 'object') {
    const special = substituteSpecial(value, context, keyPath);
    if (special !== null) return special.value;
    const result: ConfigObject = {};
    for (const [key, item] of Object.entries(value)) {
      const substituted = substitute(item, context, keyPath ? `${keyPath}.${key}` : key);
      if (substituted !== undefined) result[key] = substituted;
    }
    return result;
  }
  return value;
}

function substituteString(value: string, context: SubstitutionContext, keyPath: string): string | undefined {
  let missing = false;
  const result = value.replace(placeholder, (match, name: string | undefined) => {
    if (match === '$${') return '${';
    const variable = (name ?? '').trim();
    const resolved = context.env[variable];
    if (resolved === undefined) {
      missing = true;
      context.warn(`${keyPath}: environment variable ${variable} is not set (${context.file})`);
      return '';
    }
    return resolved;
  });
  return missing && result.trim() === '' ? undefined : result;
}

function substituteSpecial(
  value: ConfigObject,
  context: SubstitutionContext,
  keyPath: string,
): { value: ConfigValue | undefined } | null {
  const keys = Object.keys(value);
  if (keys.length !== 1) return null;
  if (typeof value.$env === 'string') {
    const resolved = context.env[value.$env];
    if (resolved === undefined) context.warn(`${keyPath}: environment variable ${value.$env} is not set (${context.file})`);
    return { value: resolved };
  }
  if (typeof value.$file === 'string') {
    const target = path.resolve(context.baseDir, value.$file);
    try {
      return { value: fs.readFileSync(target, 'utf8').trimEnd() };
    } catch (error) {
      throw new ConfigError(`${keyPath}: cannot read $file ${value.$file} (${context.file}): ${(error as Error).message}`);
    }
  }
  return null;
}
