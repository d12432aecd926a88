import type { ParsedTerm, TermClause } from '../../query/parse-term.js';

/**
 * to_tsquery() input for a parsed term. Words are single-quoted lexemes holding only letters,
 * digits and marks, so no tsquery operator can come from the user.
 */
export interface PgTsQueries {
  /** What a document must match; undefined for an empty term. */
  positive: string | undefined;
  /** The positive query with every lexeme limited to weights A and B (name and title). */
  titleOnly: string | undefined;
  /** Any of these excludes a document. */
  exclusions: string | undefined;
}

export function compileTsQuery(term: ParsedTerm): PgTsQueries {
  const build = (weights: string) =>
    term.must.length ? term.must.map((clauses) => group(clauses, weights)).join(' & ') : undefined;
  return {
    positive: build(''),
    titleOnly: build('AB'),
    exclusions: term.mustNot.length ? term.mustNot.map((item) => clause(item, '')).join(' | ') : undefined,
  };
}

function group(clauses: TermClause[], weights: string): string {
  return clauses.length === 1
    ? clause(clauses[0]!, weights)
    : `(${clauses.map((item) => clause(item, weights)).join(' | ')})`;
}

function clause(item: TermClause, weights: string): string {
  if (item.kind === 'phrase') return `(${item.words.map((word) => lexeme(word, false, weights)).join(' <-> ')})`;
  return lexeme(item.word, item.prefix, weights);
}

function lexeme(word: string, prefix: boolean, weights: string): string {
  const label = `${prefix ? '*' : ''}${weights}`;
  return `'${word.replace(/['\\]/g, '')}'${label ? `:${label}` : ''}`;
}
