import { describe, expect, it } from 'vitest';
import { searchQueryString } from '../../common/index.js';
import { readFacetsQuery, readSearchQuery } from './search-params.js';

describe('readSearchQuery', () => {
  it('reads what Backstage search clients send', () => {
    const url = '/api/search/query?term=checkout&types%5B0%5D=software-catalog&filters%5Bkind%5D=Component&pageCursor=abc&pageLimit=10';
    expect(readSearchQuery(url)).toEqual({
      term: 'checkout',
      types: ['software-catalog'],
      filters: { kind: 'Component' },
      pageCursor: 'abc',
      pageLimit: 10,
    });
  });

  it('round-trips the common query-string builder', () => {
    const query = { term: 'a b', types: ['software-catalog', 'techdocs'], filters: { kind: 'Component', tags: ['java', 'go'] }, pageLimit: 5 };
    expect(readSearchQuery(`/q?${searchQueryString(query)}`)).toEqual(query);
  });

  it('treats a missing term as empty and splits comma lists', () => {
    expect(readSearchQuery('/q?types=software-catalog,techdocs')).toEqual({ term: '', types: ['software-catalog', 'techdocs'] });
    expect(readSearchQuery('/q')).toEqual({ term: '' });
  });

  it('explains malformed parameters', () => {
    expect(() => readSearchQuery('/q?term=a&term=b')).toThrow('term: give it once, as text');
    expect(() => readSearchQuery('/q?filters=kind')).toThrow('filters: name the field, as in filters[kind]=Component');
    expect(() => readSearchQuery('/q?filters[kind][x]=y')).toThrow(/filters\[kind\]: a value or a list of values/);
    expect(() => readSearchQuery('/q?types[x]=y')).toThrow(/types: a list of text values/);
    expect(() => readSearchQuery('/q?pageLimit=ten')).toThrow("pageLimit: 'ten' is not a whole number");
  });

  it('reads the facets to count', () => {
    expect(readFacetsQuery('/f?term=x&facets[]=kind&facets[]=owner&filters[kind]=api')).toEqual({
      term: 'x',
      filters: { kind: 'api' },
      facets: ['kind', 'owner'],
    });
  });
});
