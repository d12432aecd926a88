import { isJsonObject, type JsonObject, type JsonValue } from '@portico/model';
import type { ParameterFieldError } from '../../common/types.js';
import { parseRepoUrlOnHost } from '../git/repo-url.js';

function stringList(value: JsonValue | undefined): string[] | undefined {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}

/**
 * Server-side checks for `RepoUrlPicker` fields, which the browser enforces but a script can
 * skip: the value must be `host?owner=&repo=` with each key once, and the host, owner and repo
 * must be in the field's `allowedHosts` / `allowedOwners` / `allowedRepos` when those are set.
 */
export function checkRepoUrlFields(schema: JsonObject, values: JsonValue | undefined, prefix = ''): ParameterFieldError[] {
  const properties = schema.properties;
  if (!isJsonObject(properties) || !isJsonObject(values)) return [];
  const errors: ParameterFieldError[] = [];
  for (const [name, field] of Object.entries(properties)) {
    if (!isJsonObject(field) || !Object.prototype.hasOwnProperty.call(values, name)) continue;
    const value = values[name];
    const path = prefix ? `${prefix}.${name}` : name;
    if (field['ui:field'] === 'RepoUrlPicker' && typeof value === 'string') {
      errors.push(...checkRepoUrl(value, isJsonObject(field['ui:options']) ? field['ui:options'] : {}, path));
    } else if (isJsonObject(field.properties)) {
      errors.push(...checkRepoUrlFields(field, value, path));
    }
  }
  return errors;
}

function checkRepoUrl(value: string, options: JsonObject, path: string): ParameterFieldError[] {
  let parsed: { host: string; owner: string; repo: string };
  try {
    parsed = parseRepoUrlOnHost(value);
  } catch (error) {
    return [{ path, message: (error as Error).message }];
  }
  const checks: [keyof typeof parsed, string[] | undefined, string][] = [
    ['host', stringList(options.allowedHosts), 'host'],
    ['owner', stringList(options.allowedOwners), 'owner'],
    ['repo', stringList(options.allowedRepos), 'repository'],
  ];
  const errors: ParameterFieldError[] = [];
  for (const [key, allowed, label] of checks) {
    if (allowed && allowed.length > 0 && !allowed.includes(parsed[key])) {
      errors.push({ path, message: `${label} "${parsed[key]}" is not allowed here; allowed: ${allowed.join(', ')}` });
    }
  }
  return errors;
}
