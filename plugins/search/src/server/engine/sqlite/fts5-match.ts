import type { ParsedTerm, TermClause } from '../../query/parse-term.js';

/** FTS5 MATCH strings for a parsed term. Every word is double-quoted: no FTS5 operator survives. */
export interface Fts5Match {
  /** What a document must match (exclusions included); undefined for an empty term. */
  match: string | undefined;
  /** The words alone, without exclusions (for the name-and-title index). */
  positive: string | undefined;
  /** The same positive query restricted to the name and title columns, for ranking. */
  titleMatch: string | undefined;
  /** The exclusions alone, for an empty term with exclusions. */
  exclusions: string | undefined;
}

/** The FTS5 table's columns, in order; bm25 weights and snippet() use these positions. */
export const FTS_COLUMNS = ['name', 'title', 'keywords', 'text'] as const;

export function compileFts5Match(term: ParsedTerm): Fts5Match {
  const positive = term.must.length ? term.must.map(group).join(' AND ') : undefined;
  const exclusions = term.mustNot.length ? term.mustNot.map(clause).join(' OR ') : undefined;
  const match = positive && exclusions ? `(${positive}) NOT (${exclusions})` : positive;
  return {
    match,
    positive,
    titleMatch: positive ? `{name title} : (${positive})` : undefined,
    exclusions,
  };
}

function group(clauses: TermClause[]): string {
  return clauses.length === 1 ? clause(clauses[0]!) : `(${clauses.map(clause).join(' OR ')})`;
}

function clause(item: TermClause): string {
  if (item.kind === 'phrase') return quote(item.words.join(' '));
  return item.prefix ? `${quote(item.word)}*` : quote(item.word);
}

function quote(text: string): string {
  // Words hold only letters, digits and marks; stripping quotes keeps that true if it ever changes.
  return `"${text.replace(/"/g, '')}"`;
}
