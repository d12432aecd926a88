import { InputError } from '@portico/model';

/**
 * A condition on entities, as a tree. Backstage's `filter` query strings, the POST by-query
 * predicate and (later) permission conditions all become this one shape, which compiles to SQL
 * over `catalog_search` (see compile-filter.ts).
 */
export type EntityFilter =
  | { allOf: EntityFilter[] }
  | { anyOf: EntityFilter[] }
  | { not: EntityFilter }
  /** `values` absent: the key exists. Keys and values compare case-insensitively. */
  | { key: string; values?: string[] };

const MAX_FILTER_STATEMENTS = 200;

/**
 * Parses repeated `filter` parameters: each parameter is a list of `key=value` (or bare `key`)
 * statements joined by commas, all of which must hold; repeated parameters are alternatives.
 * Several values for one key in one parameter are alternatives too (`kind=user,kind=group`).
 */
export function parseFilterParams(params: string | string[] | undefined): EntityFilter | undefined {
  const list = params === undefined ? [] : Array.isArray(params) ? params : [params];
  if (list.length === 0) return undefined;
  let statements = 0;
  const alternatives = list.map((param) => {
    const byKey = new Map<string, { key: string; values?: string[] }>();
    for (const statement of param.split(',')) {
      const trimmed = statement.trim();
      if (!trimmed) continue;
      statements += 1;
      if (statements > MAX_FILTER_STATEMENTS) throw new InputError(`filter: at most ${MAX_FILTER_STATEMENTS} statements`);
      const equals = trimmed.indexOf('=');
      const key = (equals === -1 ? trimmed : trimmed.slice(0, equals)).trim();
      if (!key) throw new InputError(`filter: '${trimmed}' has no key before '='`);
      const lower = key.toLowerCase();
      const existing = byKey.get(lower) ?? { key: lower };
      if (equals !== -1) {
        const value = trimmed.slice(equals + 1).trim();
        existing.values = [...(existing.values ?? []), value];
      }
      byKey.set(lower, existing);
    }
    const conditions: EntityFilter[] = [...byKey.values()];
    return conditions.length === 1 ? conditions[0]! : { allOf: conditions };
  });
  return alternatives.length === 1 ? alternatives[0] : { anyOf: alternatives };
}

/** Both filters must hold; either may be absent. */
export function andFilters(...filters: Array<EntityFilter | undefined>): EntityFilter | undefined {
  const present = filters.filter((filter): filter is EntityFilter => filter !== undefined);
  if (present.length === 0) return undefined;
  return present.length === 1 ? present[0] : { allOf: present };
}

type Predicate = unknown;

/**
 * Parses the POST by-query `query` predicate: `{ $all: [...] }`, `{ $any: [...] }`,
 * `{ $not: ... }`, and objects of `path: value`, `path: { $exists: bool }` or
 * `path: { $in: [...] }`.
 */
export function parsePredicate(predicate: Predicate, path = 'query', depth = 0): EntityFilter {
  if (depth > 20) throw new InputError(`${path}: nested too deeply`);
  if (typeof predicate !== 'object' || predicate === null || Array.isArray(predicate)) {
    throw new InputError(`${path}: expected an object`);
  }
  const record = predicate as Record<string, unknown>;
  if ('$all' in record || '$any' in record) {
    const operator = '$all' in record ? '$all' : '$any';
    const items = record[operator];
    if (!Array.isArray(items)) throw new InputError(`${path}.${operator}: expected a list`);
    const children = items.map((item, index) => parsePredicate(item, `${path}.${operator}[${index}]`, depth + 1));
    return operator === '$all' ? { allOf: children } : { anyOf: children };
  }
  if ('$not' in record) return { not: parsePredicate(record.$not, `${path}.$not`, depth + 1) };
  const conditions: EntityFilter[] = Object.entries(record).map(([key, value]) => {
    const where = `${path}.${key}`;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      return { key: key.toLowerCase(), values: [String(value)] };
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const operators = value as Record<string, unknown>;
      if ('$exists' in operators) {
        const exists: EntityFilter = { key: key.toLowerCase() };
        return operators.$exists === false ? { not: exists } : exists;
      }
      if ('$in' in operators && Array.isArray(operators.$in)) {
        return { key: key.toLowerCase(), values: operators.$in.map((item) => String(item)) };
      }
    }
    throw new InputError(`${where}: expected a value, { $exists: boolean } or { $in: [...] }`);
  });
  return conditions.length === 1 ? conditions[0]! : { allOf: conditions };
}
