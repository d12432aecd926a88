import { describe, expect, it } from 'vitest';
import { isEmptyTerm, parseTerm } from './parse-term.js';

describe('parseTerm', () => {
  it('requires every word and matches each as a prefix while it is typed', () => {
    expect(parseTerm('Checkout serv')).toEqual({
      must: [[{ kind: 'word', word: 'checkout', prefix: true }], [{ kind: 'word', word: 'serv', prefix: true }]],
      mustNot: [],
      phrase: 'checkout serv',
    });
  });

  it('reads quoted phrases, an unclosed quote to the end, and quoted single words exactly', () => {
    expect(parseTerm('"payment capture" "ledger').must).toEqual([
      [{ kind: 'phrase', words: ['payment', 'capture'] }],
      [{ kind: 'word', word: 'ledger', prefix: false }],
    ]);
  });

  it('turns -word, -"a phrase" and NOT word into exclusions', () => {
    const parsed = parseTerm('checkout -web -"front end" NOT legacy');
    expect(parsed.must).toEqual([[{ kind: 'word', word: 'checkout', prefix: true }]]);
    expect(parsed.mustNot).toEqual([
      { kind: 'word', word: 'web', prefix: true },
      { kind: 'phrase', words: ['front', 'end'] },
      { kind: 'word', word: 'legacy', prefix: true },
    ]);
    expect(parsed.phrase).toBe('checkout');
  });

  it('groups a OR b, and ignores a dangling OR', () => {
    expect(parseTerm('ledger OR inventory billing OR').must).toEqual([
      [
        { kind: 'word', word: 'ledger', prefix: true },
        { kind: 'word', word: 'inventory', prefix: true },
      ],
      [{ kind: 'word', word: 'billing', prefix: true }],
    ]);
    expect(parseTerm('OR ledger').must).toEqual([[{ kind: 'word', word: 'ledger', prefix: true }]]);
  });

  it('keeps hyphenated and dotted names together as phrases', () => {
    expect(parseTerm('checkout-service api.v2').must).toEqual([
      [{ kind: 'phrase', words: ['checkout', 'service'] }],
      [{ kind: 'phrase', words: ['api', 'v2'] }],
    ]);
    expect(parseTerm('Checkout-Service').phrase).toBe('checkout service');
  });

  it('reduces engine syntax to plain words', () => {
    const parsed = parseTerm('title:checkout NEAR(a b) ^x {name}: * ( ) "');
    const words = parsed.must.flatMap((group) => group.flatMap((clause) => (clause.kind === 'word' ? [clause.word] : clause.words)));
    expect(words).toEqual(['title', 'checkout', 'near', 'a', 'b', 'x', 'name']);
    for (const word of words) expect(word).toMatch(/^[\p{L}\p{N}\p{M}]+$/u);
  });

  it('drops lone stop words unless nothing else is left, and never makes one letter a prefix', () => {
    expect(parseTerm('the checkout of').must).toEqual([[{ kind: 'word', word: 'checkout', prefix: true }]]);
    expect(parseTerm('the').must).toEqual([[{ kind: 'word', word: 'the', prefix: true }]]);
    expect(parseTerm('x').must).toEqual([[{ kind: 'word', word: 'x', prefix: false }]]);
  });

  it('treats whitespace, punctuation alone and exclusions alone as an empty term', () => {
    expect(isEmptyTerm(parseTerm('   '))).toBe(true);
    expect(isEmptyTerm(parseTerm('*** ()'))).toBe(true);
    const onlyExcluded = parseTerm('-legacy');
    expect(isEmptyTerm(onlyExcluded)).toBe(true);
    expect(onlyExcluded.mustNot).toHaveLength(1);
  });

  it('keeps letters of every script and folds case', () => {
    expect(parseTerm('Zürich 東京 Café').phrase).toBe('zürich 東京 café');
  });

  it('ignores clauses beyond sixteen', () => {
    const parsed = parseTerm(Array.from({ length: 30 }, (_, index) => `w${index}`).join(' '));
    expect(parsed.must).toHaveLength(16);
  });
});
