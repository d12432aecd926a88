/**
 * A condition on entities, as a tree. Backstage's `filter` query strings, the POST `query`
 * predicate, the full-text filter and permission conditions all become this one shape, which
 * compiles to SQL over `catalog_search` (database/operations/query/compile-filter.ts), so a list
 * never returns an entity its filter excludes and no filter runs in memory.
 *
 * Keys are the flattened, dotted paths of `catalog_search` (`spec.type`, `metadata.tags`,
 * `relations.ownedby`); keys and values compare case-insensitively.
 */
export type EntityFilter = AllOfFilter | AnyOfFilter | NotFilter | EntityCondition;

export interface AllOfFilter {
  allOf: EntityFilter[];
}
export interface AnyOfFilter {
  anyOf: EntityFilter[];
}
export interface NotFilter {
  not: EntityFilter;
}

/** One condition on the values of keys; what it matches depends on which fields are set. */
export type EntityCondition = ValuesCondition | PrefixCondition | ContainsCondition;

/** `values` absent: the key exists (with any value, null included); present: any of them. Backstage's shape. */
export interface ValuesCondition {
  key: string;
  values?: string[];
}

/** A value of `key` starts with `prefix` (the predicate's `$hasPrefix`). */
export interface PrefixCondition {
  key: string;
  prefix: string;
}

/** A value of any of `keys` contains `text` (the by-query full-text filter). */
export interface ContainsCondition {
  keys: string[];
  contains: string;
}

export function isAllOf(filter: EntityFilter): filter is AllOfFilter {
  return 'allOf' in filter;
}
export function isAnyOf(filter: EntityFilter): filter is AnyOfFilter {
  return 'anyOf' in filter;
}
export function isNot(filter: EntityFilter): filter is NotFilter {
  return 'not' in filter;
}

/** Every given filter must hold; absent ones are left out, and none at all means no filter. */
export function allOf(...filters: Array<EntityFilter | undefined>): EntityFilter | undefined {
  const present = filters.filter((filter): filter is EntityFilter => filter !== undefined);
  if (present.length <= 1) return present[0];
  return { allOf: present };
}

/** Equality on one key: `{ key, values: [value] }`. */
export function keyEquals(key: string, ...values: string[]): ValuesCondition {
  return { key, values };
}
