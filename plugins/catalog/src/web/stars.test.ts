import { describe, expect, it } from 'vitest';
import { parseStarred } from './stars.js';

describe('parseStarred', () => {
  it('reads the stored refs once each, and nothing from damaged storage', () => {
    expect(parseStarred(JSON.stringify(['component:default/a', 'api:default/b', 'component:default/a', 7]))).toEqual([
      'component:default/a',
      'api:default/b',
    ]);
    expect(parseStarred(null)).toEqual([]);
    expect(parseStarred('{not json')).toEqual([]);
    expect(parseStarred('{"a":1}')).toEqual([]);
  });
});
