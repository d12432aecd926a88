import { InputError } from '@portico/model';
import type { EntityFilter, ValuesCondition } from './entity-filter.js';

/** Generous, but stops a request from compiling a query with millions of terms. */
export const MAX_FILTER_STATEMENTS = 500;

/**
 * Parses Backstage's `filter` query parameters. Each parameter is a list of statements joined by
 * commas that must all hold; repeated parameters are alternatives (any may hold):
 *
 * - `key=value`: the key has that value (case-insensitive; arrays match any item);
 * - `key`: the key exists;
 * - `key=a,key=b` in one parameter: the key has either value (Backstage merges them);
 * - only the first `=` splits, so values may contain `=`; a comma always ends a statement, as in
 *   Backstage (its client cannot send a comma inside a value either).
 *
 * Returns undefined when there is no statement at all.
 */
export function parseFilterParams(params: string | readonly string[] | undefined): EntityFilter | undefined {
  const list = params === undefined ? [] : typeof params === 'string' ? [params] : params;
  let statements = 0;
  const alternatives: EntityFilter[] = [];
  for (const param of list) {
    const byKey = new Map<string, ValuesCondition>();
    for (const raw of param.split(',')) {
      const statement = raw.trim();
      if (!statement) continue;
      statements += 1;
      if (statements > MAX_FILTER_STATEMENTS) {
        throw new InputError(`Invalid filter: at most ${MAX_FILTER_STATEMENTS} statements are allowed`);
      }
      const equals = statement.indexOf('=');
      const key = (equals === -1 ? statement : statement.slice(0, equals)).trim().toLowerCase();
      if (!key) {
        throw new InputError(`Invalid filter: '${statement}' is not a statement of the form key=value or key`);
      }
      const condition = byKey.get(key) ?? { key };
      byKey.set(key, condition);
      if (equals === -1) continue;
      // `key` and `key=value` together: the value is the stronger condition, as in Backstage.
      condition.values = [...(condition.values ?? []), statement.slice(equals + 1).trim()];
    }
    const conditions = [...byKey.values()];
    if (conditions.length === 1) alternatives.push(conditions[0]!);
    else if (conditions.length > 1) alternatives.push({ allOf: conditions });
  }
  if (alternatives.length === 0) return undefined;
  return alternatives.length === 1 ? alternatives[0] : { anyOf: alternatives };
}
