import { describe, expect, it } from 'vitest';
import { isActivePath } from './is-active-path.js';

describe('isActivePath', () => {
  it('marks a link active on its path and below, but not on a sibling sharing a prefix', () => {
    expect(isActivePath('/catalog', '/catalog')).toBe(true);
    expect(isActivePath('/catalog', '/catalog/default/component/payments')).toBe(true);
    expect(isActivePath('/catalog/', '/catalog')).toBe(true);
    expect(isActivePath('/catalog', '/catalog-import')).toBe(false);
  });

  it('marks Home active only on the front page', () => {
    expect(isActivePath('/', '/')).toBe(true);
    expect(isActivePath('/', '/catalog')).toBe(false);
  });
});
