import { STOP_WORDS, splitWords } from './words.js';

/** One thing a document must (or must not) contain. Words hold only letters, digits and marks. */
export type TermClause =
  | { kind: 'word'; word: string; prefix: boolean }
  | { kind: 'phrase'; words: string[] };

/**
 * A user's search term, reduced to what both engines can express. Engines compile this to their
 * own syntax; the raw term never reaches FTS5 MATCH or to_tsquery.
 */
export interface ParsedTerm {
  /** Every group must match; a group matches when any of its clauses does. */
  must: TermClause[][];
  /** A document matching any of these is left out. */
  mustNot: TermClause[];
  /** The positive words in order, joined by spaces: compared with names for exact matches. */
  phrase: string;
}

/** More clauses than this are ignored: nobody types them, and each one costs query time. */
const MAX_CLAUSES = 16;

interface RawItem {
  text: string;
  quoted: boolean;
  negated: boolean;
  /** An unquoted, un-negated `OR`. */
  isOr: boolean;
}

/**
 * Reads the little syntax people type into search boxes:
 * - words, all required; each also matches as a prefix while it is being typed (`chec`),
 * - `"quoted phrases"` (an unclosed quote runs to the end),
 * - `-word` or `-"a phrase"` (and `NOT word`) to exclude,
 * - `a OR b` for either,
 * - `checkout-service` or `foo.bar`: the parts next to each other.
 * Anything else (brackets, colons, carets, stray quotes) is punctuation and only separates words.
 */
export function parseTerm(term: string): ParsedTerm {
  const groups: TermClause[][] = [];
  const mustNot: TermClause[] = [];
  const phraseWords: string[] = [];
  let joinNext = false;
  let clauses = 0;

  for (const item of readItems(term)) {
    if (item.isOr) {
      joinNext = groups.length > 0;
      continue;
    }
    const clause = toClause(item);
    if (!clause || clauses >= MAX_CLAUSES) {
      joinNext = false;
      continue;
    }
    clauses += 1;
    if (item.negated) {
      mustNot.push(clause);
      joinNext = false;
      continue;
    }
    phraseWords.push(...(clause.kind === 'word' ? [clause.word] : clause.words));
    const last = groups[groups.length - 1];
    if (joinNext && last) last.push(clause);
    else groups.push([clause]);
    joinNext = false;
  }

  return { must: dropStopWords(groups), mustNot, phrase: phraseWords.join(' ') };
}

/** True when the term asks for nothing: every document matches (subject to filters). */
export function isEmptyTerm(parsed: ParsedTerm): boolean {
  return parsed.must.length === 0;
}

function* readItems(term: string): Generator<RawItem> {
  let index = 0;
  let negateNext = false;
  while (index < term.length) {
    const char = term[index]!;
    if (/\s/u.test(char)) {
      index += 1;
      continue;
    }
    let negated = negateNext;
    negateNext = false;
    if (char === '-' && index + 1 < term.length && !/\s/u.test(term[index + 1]!)) {
      negated = true;
      index += 1;
    }
    if (term[index] === '"') {
      const close = term.indexOf('"', index + 1);
      const end = close === -1 ? term.length : close;
      yield { text: term.slice(index + 1, end), quoted: true, negated, isOr: false };
      index = end + 1;
      continue;
    }
    let end = index;
    while (end < term.length && !/\s/u.test(term[end]!) && term[end] !== '"') end += 1;
    const text = term.slice(index, end);
    index = end;
    if (!negated && text === 'OR') {
      yield { text, quoted: false, negated: false, isOr: true };
    } else if (!negated && text === 'NOT') {
      negateNext = true;
    } else if (negated || text !== 'AND') {
      yield { text, quoted: false, negated, isOr: false };
    }
  }
}

function toClause(item: RawItem): TermClause | undefined {
  const words = splitWords(item.text);
  if (words.length === 0) return undefined;
  if (words.length > 1) return { kind: 'phrase', words };
  const word = words[0]!;
  // One letter as a prefix matches nearly everything; quoted words are meant exactly.
  return { kind: 'word', word, prefix: !item.quoted && word.length >= 2 };
}

/**
 * Leaves out lone stop words ("the", "of") unless nothing else is left, so `the checkout` finds
 * Checkout on both engines.
 */
function dropStopWords(groups: TermClause[][]): TermClause[][] {
  const isStopWord = (clause: TermClause) => clause.kind === 'word' && STOP_WORDS.has(clause.word);
  const kept = groups.filter((group) => !group.every(isStopWord));
  return kept.length > 0 ? kept : groups;
}
