import { describe, expect, it } from 'vitest';
import { parseTerm } from '../../query/parse-term.js';
import { compileFts5Match } from './fts5-match.js';

describe('compileFts5Match', () => {
  it('quotes every word, adds prefixes, phrases, OR groups and exclusions', () => {
    expect(compileFts5Match(parseTerm('checkout-web "payment capture" ledger OR inventory -legacy'))).toEqual({
      match: '("checkout web" AND "payment capture" AND ("ledger"* OR "inventory"*)) NOT ("legacy"*)',
      positive: '"checkout web" AND "payment capture" AND ("ledger"* OR "inventory"*)',
      titleMatch: '{name title} : ("checkout web" AND "payment capture" AND ("ledger"* OR "inventory"*))',
      exclusions: '"legacy"*',
    });
  });

  it('has no match for an empty term, only the exclusions', () => {
    expect(compileFts5Match(parseTerm('-legacy -"old stuff"'))).toEqual({
      match: undefined,
      positive: undefined,
      titleMatch: undefined,
      exclusions: '"legacy"* OR "old stuff"',
    });
  });

  it('never lets FTS5 operators, columns or quotes through', () => {
    const { match } = compileFts5Match(parseTerm('title:x AND NEAR(a b, 3) "un"closed" ^start col* {a b}:c'));
    expect(match).toBe('"title x" AND "near a" AND "b" AND "3" AND "un" AND "closed"* AND "start col a b c"');
  });
});
