import { InputError } from '@portico/model';
import { describe, expect, it } from 'vitest';
import { parseNestedQuery } from './parse-nested-query.js';

describe('parseNestedQuery', () => {
  it('reads indexed, appended and repeated lists alike', () => {
    expect(parseNestedQuery('types%5B0%5D=software-catalog&types%5B1%5D=techdocs')).toEqual({ types: ['software-catalog', 'techdocs'] });
    expect(parseNestedQuery('types[]=software-catalog&types[]=techdocs')).toEqual({ types: ['software-catalog', 'techdocs'] });
    expect(parseNestedQuery('types=software-catalog&types=techdocs')).toEqual({ types: ['software-catalog', 'techdocs'] });
    expect(parseNestedQuery('types[]=techdocs')).toEqual({ types: ['techdocs'] });
    expect(parseNestedQuery('types[1]=b&types[0]=a')).toEqual({ types: ['a', 'b'] });
  });

  it('reads objects and lists inside objects', () => {
    expect(parseNestedQuery('term=check+out&filters[kind]=Component&filters[tags][0]=java&filters[tags][1]=go')).toEqual({
      term: 'check out',
      filters: { kind: 'Component', tags: ['java', 'go'] },
    });
  });

  it('keeps a key with unbalanced brackets as written and ignores prototype keys', () => {
    expect(parseNestedQuery('a[b=1&__proto__[polluted]=1&filters[__proto__]=x&filters[constructor][prototype]=y')).toEqual({ 'a[b': '1' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses contradictions, deep nesting and huge positions with the parameter named', () => {
    expect(() => parseNestedQuery('filters=x&filters[kind]=y')).toThrow(new InputError('filters: given both as a value and as filters[key]'));
    expect(() => parseNestedQuery('a[b][c][d][e]=1')).toThrow(/a: parameters nest at most 3 levels/);
    expect(() => parseNestedQuery('types[5000]=x')).toThrow(/types: list positions go up to 99/);
    expect(() => parseNestedQuery('a[][b]=1')).toThrow(/'\[\]' may only come last/);
  });

  it('limits the number of parameters', () => {
    expect(() => parseNestedQuery(Array.from({ length: 201 }, (_, index) => `p${index}=1`).join('&'))).toThrow(/at most 200 parameters/);
  });
});
