/** JSON values as they come out of a YAML or JSON document. */
export type JsonPrimitive = string | number | boolean | null;
export type JsonArray = JsonValue[];
/** Optional members are allowed so typed specs (with optional fields) stay assignable. */
export type JsonObject = { [key: string]: JsonValue | undefined };
export type JsonValue = JsonPrimitive | JsonArray | JsonObject;

/** A plain object: not null, not an array. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}
