import { InputError } from '@portico/model';

/**
 * A condition on documents, compiled into the engine's SQL (never applied after the query), so
 * pages stay full and counts stay honest. User filters (`filters[kind]=x`), type tabs and the
 * caller's access rules all become one of these.
 *
 * - `{ type: [...] }`: the document's type is one of these.
 * - `{ field, values }`: the field (an array field: any of its items) equals one of the values,
 *   ignoring case.
 * - `{ allOf }`, `{ anyOf }`, `{ not }`: combinations. An empty `allOf` matches everything, an
 *   empty `anyOf` nothing.
 */
export type SearchFilter =
  | { type: string[] }
  | { field: string; values: string[] }
  | { allOf: SearchFilter[] }
  | { anyOf: SearchFilter[] }
  | { not: SearchFilter };

/** Field names are identifiers with dots and dashes: `kind`, `spec.type`, `x-team`. */
export const FIELD_NAME_PATTERN = /^[A-Za-z_][\w.-]{0,99}$/;
const MAX_VALUES = 50;
const MAX_VALUE_LENGTH = 300;
const MAX_DEPTH = 8;

/** ANDs filters, leaving out the missing ones. */
export function allOf(...filters: Array<SearchFilter | undefined>): SearchFilter | undefined {
  const present = filters.filter((filter): filter is SearchFilter => filter !== undefined);
  if (present.length === 0) return undefined;
  return present.length === 1 ? present[0] : { allOf: present };
}

/**
 * Checks a filter from outside the plugin (access rules from another plugin, a service caller)
 * before it is compiled. Throws an InputError naming the path of the first problem.
 */
export function assertValidFilter(filter: SearchFilter, path = 'filter', depth = 0): void {
  if (depth > MAX_DEPTH) throw new InputError(`${path}: nested more than ${MAX_DEPTH} levels`);
  if ('allOf' in filter || 'anyOf' in filter) {
    const list = 'allOf' in filter ? filter.allOf : filter.anyOf;
    const key = 'allOf' in filter ? 'allOf' : 'anyOf';
    if (!Array.isArray(list)) throw new InputError(`${path}.${key}: must be a list of filters`);
    list.forEach((item, index) => assertValidFilter(item, `${path}.${key}[${index}]`, depth + 1));
    return;
  }
  if ('not' in filter) {
    assertValidFilter(filter.not, `${path}.not`, depth + 1);
    return;
  }
  if ('type' in filter) {
    assertValues(filter.type, `${path}.type`);
    return;
  }
  if ('field' in filter) {
    if (typeof filter.field !== 'string' || !FIELD_NAME_PATTERN.test(filter.field)) {
      throw new InputError(`${path}.field: '${String(filter.field)}' is not a field name (letters, digits, '_', '.', '-')`);
    }
    assertValues(filter.values, `${path}.values`);
    return;
  }
  throw new InputError(`${path}: expected one of type, field, allOf, anyOf, not`);
}

function assertValues(values: unknown, path: string): void {
  if (!Array.isArray(values)) throw new InputError(`${path}: must be a list of strings`);
  if (values.length > MAX_VALUES) throw new InputError(`${path}: at most ${MAX_VALUES} values`);
  values.forEach((value, index) => {
    if (typeof value !== 'string') throw new InputError(`${path}[${index}]: must be a string`);
    if (value.length > MAX_VALUE_LENGTH) throw new InputError(`${path}[${index}]: at most ${MAX_VALUE_LENGTH} characters`);
  });
}
