import type { ConfigObject, ConfigValue } from './read-files.js';

/**
 * Deep-merges `overlay` onto `base`: objects merge key by key, anything else (arrays included)
 * is replaced. Records which file last set each leaf, so errors can name the file.
 */
export function mergeConfig(
  base: ConfigObject,
  overlay: ConfigObject,
  origin: string,
  origins: Map<string, string>,
  prefix = '',
): ConfigObject {
  const result: ConfigObject = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    // Keys such as __proto__ would reach the prototype through object spread elsewhere.
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    const keyPath = prefix ? `${prefix}.${key}` : key;
    const existing = result[key];
    if (isObject(existing) && isObject(value)) {
      result[key] = mergeConfig(existing, value, origin, origins, keyPath);
    } else {
      result[key] = value;
      recordOrigins(value, keyPath, origin, origins);
    }
  }
  return result;
}

function recordOrigins(value: ConfigValue, keyPath: string, origin: string, origins: Map<string, string>): void {
  origins.set(keyPath, origin);
  if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) recordOrigins(item, `${keyPath}.${key}`, origin, origins);
  }
}

export function isObject(value: ConfigValue | undefined): value is ConfigObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Overrides from the environment: `PORTICO_CONFIG_backend_listen_port=7008` or Backstage's
 * `APP_CONFIG_backend_listen_port=7008`. `_` separates keys; values are parsed as JSON when
 * they parse, so numbers and booleans keep their type.
 */
export function environmentOverrides(env: Readonly<Record<string, string | undefined>>): ConfigObject {
  const overrides: ConfigObject = {};
  for (const [name, raw] of Object.entries(env)) {
    const match = /^(?:PORTICO_CONFIG|APP_CONFIG)_(.+)$/.exec(name);
    if (!match?.[1] || raw === undefined) continue;
    const keys = match[1].split('_').filter(Boolean);
    let target = overrides;
    keys.forEach((key, index) => {
      if (key === '__proto__' || key === 'constructor') return;
      if (index === keys.length - 1) {
        target[key] = parseScalar(raw);
      } else {
        const next = target[key];
        target = isObject(next) ? next : (target[key] = {});
      }
    });
  }
  return overrides;
}

function parseScalar(raw: string): ConfigValue {
  try {
    return JSON.parse(raw) as ConfigValue;
  } catch {
    return raw;
  }
}
