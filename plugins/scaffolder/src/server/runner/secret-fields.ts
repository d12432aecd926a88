import { isJsonObject, type JsonObject, type JsonValue } from '@portico/model';

/**
 * Form values with the `Secret` fields filled in from `secrets`, for validation only. The form
 * sends a Secret field's value in `secrets` (keyed by its dotted path, or by its name) and a
 * placeholder or nothing in `values`; checking the real value lets `required`, `pattern` and
 * length rules apply to secrets too. The result is never stored or logged.
 */
export function valuesWithSecretFields(schema: JsonObject, values: JsonValue | undefined, secrets: Readonly<Record<string, string>>, prefix = ''): JsonValue | undefined {
  const properties = schema.properties;
  if (!isJsonObject(properties)) return values;
  const base: JsonObject = isJsonObject(values) ? { ...values } : {};
  let changed = false;
  for (const [name, field] of Object.entries(properties)) {
    if (!isJsonObject(field)) continue;
    const path = prefix ? `${prefix}.${name}` : name;
    if (field['ui:field'] === 'Secret') {
      const secret = Object.hasOwn(secrets, path) ? secrets[path] : Object.hasOwn(secrets, name) ? secrets[name] : undefined;
      if (secret !== undefined) {
        Object.defineProperty(base, name, { value: secret, enumerable: true, writable: true, configurable: true });
        changed = true;
      }
    } else if (isJsonObject(field.properties)) {
      const nested = valuesWithSecretFields(field, base[name], secrets, path);
      if (nested !== base[name]) {
        base[name] = nested;
        changed = true;
      }
    }
  }
  return changed ? base : values;
}
