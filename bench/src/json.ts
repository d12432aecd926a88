/** Narrowing helpers for JSON read from servers and files (never trusted to have a shape). */

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a dotted path, or undefined when any step is missing. */
export function pathOf(value: unknown, dotted: string): unknown {
  let current = value;
  for (const key of dotted.split('.')) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

export function numberAt(value: unknown, dotted: string): number | null {
  const found = pathOf(value, dotted);
  return typeof found === 'number' && Number.isFinite(found) ? found : null;
}

export function stringAt(value: unknown, dotted: string): string | null {
  const found = pathOf(value, dotted);
  return typeof found === 'string' ? found : null;
}

export function arrayAt(value: unknown, dotted: string): unknown[] | null {
  const found = pathOf(value, dotted);
  return Array.isArray(found) ? found : null;
}
