import { isJsonObject, type JsonValue } from './json.js';
import type { FieldPath } from './validation/problem.js';

/**
 * A substitution placeholder: a mapping with a single key starting with `$`, such as
 * `definition: { $text: ./openapi.yaml }`. The catalog replaces it with the referenced content
 * (`$text` with the text, `$json`/`$yaml` with the parsed data) before validating the entity.
 */
export interface Placeholder {
  path: FieldPath;
  /** `$text`, `$json`, `$yaml`, `$openapi`, `$asyncapi`, … */
  kind: string;
  target: JsonValue | undefined;
}

/** The placeholder a value is, if it is one. */
export function placeholderOf(value: unknown): Omit<Placeholder, 'path'> | undefined {
  if (!isJsonObject(value)) return undefined;
  const keys = Object.keys(value);
  const key = keys[0];
  if (keys.length !== 1 || key === undefined || !key.startsWith('$')) return undefined;
  return { kind: key, target: value[key] };
}

/** Every placeholder in a document, outermost first, in document order. */
export function findPlaceholders(value: unknown, path: FieldPath = []): Placeholder[] {
  const found = placeholderOf(value);
  if (found) return [{ path, ...found }];
  if (Array.isArray(value)) return value.flatMap((item, index) => findPlaceholders(item, [...path, index]));
  if (isJsonObject(value)) {
    return Object.entries(value).flatMap(([key, item]) => findPlaceholders(item, [...path, key]));
  }
  return [];
}
