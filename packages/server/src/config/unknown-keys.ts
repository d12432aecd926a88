import { z } from 'zod';
import type { ConfigObject } from './read-files.js';
import { isObject } from './merge.js';

/**
 * Lists config paths that no schema declares. These are warnings, not errors: Backstage
 * app-config files carry keys Portico does not use, and third-party plugins own their sections.
 */
export function findUnknownKeys(value: ConfigObject, schema: z.ZodType, prefix = ''): string[] {
  const shape = objectShape(schema);
  if (!shape) return [];
  const unknown: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    const keyPath = prefix ? `${prefix}.${key}` : key;
    const child = shape[key];
    if (!child) {
      unknown.push(keyPath);
    } else if (isObject(item)) {
      unknown.push(...findUnknownKeys(item, child, keyPath));
    }
  }
  return unknown;
}

/** The declared keys of an object schema, looking through defaults and optionals. */
function objectShape(schema: z.ZodType): Record<string, z.ZodType> | null {
  let current: z.ZodType = schema;
  for (let depth = 0; depth < 10; depth++) {
    if (current instanceof z.ZodObject) {
      // A loose object accepts any key: nothing under it is unknown.
      return current.def.catchall instanceof z.ZodUnknown ? null : (current.shape as Record<string, z.ZodType>);
    }
    if (current instanceof z.ZodDefault || current instanceof z.ZodOptional || current instanceof z.ZodNullable) {
      current = current.def.innerType as z.ZodType;
      continue;
    }
    return null;
  }
  return null;
}
