import { describe, expect, it } from 'vitest';
import { parseTerm } from '../../query/parse-term.js';
import { compileTsQuery } from './tsquery.js';

describe('compileTsQuery', () => {
  it('builds to_tsquery input with prefixes, phrases, OR groups and exclusions', () => {
    expect(compileTsQuery(parseTerm('checkout-web "payment capture" ledger OR inventory -legacy'))).toEqual({
      positive: "('checkout' <-> 'web') & ('payment' <-> 'capture') & ('ledger':* | 'inventory':*)",
      titleOnly: "('checkout':AB <-> 'web':AB) & ('payment':AB <-> 'capture':AB) & ('ledger':*AB | 'inventory':*AB)",
      exclusions: "'legacy':*",
    });
  });

  it('leaves nothing of tsquery syntax in user input', () => {
    const { positive } = compileTsQuery(parseTerm("a' | !b & c:* <-> (d) \\e"));
    expect(positive).toBe("'b' & 'c' & 'd' & 'e'");
  });
});
