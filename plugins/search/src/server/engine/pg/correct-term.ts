import { sql, type Kysely } from 'kysely';
import type { SearchTables } from '../../database/tables.js';
import type { ParsedTerm, TermClause } from '../../query/parse-term.js';

/** Alternatives considered per misspelt word. */
const ALTERNATIVES = 3;

/**
 * A term with each word widened to the known words of names and titles that look like it
 * (pg_trgm similarity): `chekout` also asks for `checkout`. Undefined when no word has a
 * look-alike. The exact-match phrase becomes the closest spelling, so a misspelt name still
 * ranks its entity first.
 */
export async function correctTerm(db: Kysely<SearchTables>, term: ParsedTerm, threshold: number): Promise<ParsedTerm | undefined> {
  const words = [
    ...new Set(term.must.flatMap((group) => group.flatMap((clause) => (clause.kind === 'word' && clause.word.length >= 3 ? [clause.word] : [])))),
  ];
  if (words.length === 0) return undefined;
  // `%` uses the trigram index (at pg_trgm's own threshold, 0.3 by default); the configured
  // threshold then keeps only close look-alikes.
  const result = await sql<{ input: string; word: string }>`
    SELECT w.input, s.word FROM unnest(${words}::text[]) AS w(input)
    CROSS JOIN LATERAL (
      SELECT word FROM search_words
      WHERE word % w.input AND word <> w.input AND similarity(word, w.input) >= ${threshold}
      ORDER BY similarity(word, w.input) DESC, word LIMIT ${ALTERNATIVES}) s`.execute(db);
  if (result.rows.length === 0) return undefined;
  const alternatives = new Map<string, string[]>();
  for (const row of result.rows) alternatives.set(row.input, [...(alternatives.get(row.input) ?? []), row.word]);

  const widen = (clause: TermClause): TermClause[] =>
    clause.kind === 'word'
      ? [clause, ...(alternatives.get(clause.word) ?? []).map((word): TermClause => ({ kind: 'word', word, prefix: false }))]
      : [clause];
  const closest = (word: string) => alternatives.get(word)?.[0] ?? word;
  return {
    must: term.must.map((group) => group.flatMap(widen)),
    mustNot: term.mustNot,
    phrase: term.phrase
      .split(' ')
      .map((word) => closest(word))
      .join(' '),
  };
}
