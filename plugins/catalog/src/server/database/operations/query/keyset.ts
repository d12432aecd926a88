import { sql, type RawBuilder, type SqlBool } from 'kysely';

export type SortDirection = 'asc' | 'desc';

/** One term of an ORDER BY: a value expression, its direction and where its nulls go. */
export interface SortTerm {
  value: RawBuilder<unknown>;
  direction: SortDirection;
  nullsLast: boolean;
}

/** The same term, walked the other way (for pages before a position). */
export function reverseTerm(term: SortTerm): SortTerm {
  return { value: term.value, direction: term.direction === 'asc' ? 'desc' : 'asc', nullsLast: !term.nullsLast };
}

export function orderByClause(terms: readonly SortTerm[]): RawBuilder<unknown> {
  return sql.join(
    terms.map((term) => sql`${term.value} ${sql.raw(term.direction === 'asc' ? 'ASC' : 'DESC')} ${sql.raw(term.nullsLast ? 'NULLS LAST' : 'NULLS FIRST')}`),
  );
}

/**
 * The condition "this row comes strictly after the boundary" in the order the terms define:
 * a keyset (seek) condition, so the next page starts where the last one ended whatever was
 * added or removed meanwhile, and costs the same on page 1 and page 1000. The last term must be
 * unique (the entity ref) for pages never to overlap.
 */
export function afterBoundary(terms: readonly SortTerm[], boundary: ReadonlyArray<string | null>): RawBuilder<SqlBool> {
  if (terms.length === 0 || terms.length !== boundary.length) {
    throw new Error(`afterBoundary: ${terms.length} sort terms but ${boundary.length} boundary values`);
  }
  return after(terms, boundary, 0);
}

function after(terms: readonly SortTerm[], boundary: ReadonlyArray<string | null>, index: number): RawBuilder<SqlBool> {
  const term = terms[index]!;
  const bound = boundary[index]!;
  const isLast = index === terms.length - 1;
  const value = term.value;
  const beyond = sql.raw(term.direction === 'asc' ? '>' : '<');
  // Past the boundary on this term, or equal to it and past it on the remaining terms.
  const rest = isLast ? undefined : after(terms, boundary, index + 1);
  if (bound === null) {
    if (term.nullsLast) return rest ? sql<SqlBool>`(${value} IS NULL AND ${rest})` : sql<SqlBool>`1 = 0`;
    return rest ? sql<SqlBool>`(${value} IS NOT NULL OR ${rest})` : sql<SqlBool>`(${value} IS NOT NULL)`;
  }
  const strictly = sql<SqlBool>`${value} ${beyond} ${bound}`;
  const equalThenRest = rest ? sql<SqlBool>` OR (${value} = ${bound} AND ${rest})` : sql``;
  if (term.nullsLast) return sql<SqlBool>`(${value} IS NULL OR ${strictly}${equalThenRest})`;
  return sql<SqlBool>`(${value} IS NOT NULL AND (${strictly}${equalThenRest}))`;
}
