import { describe, expect, it } from 'vitest';
import { catalogSearchParams, clearedFilters, hasFilters, parseCatalogSearch } from './catalog-search.js';

describe('parseCatalogSearch', () => {
  it('reads every filter from the URL, lists comma-separated', () => {
    const state = parseCatalogSearch({
      kind: 'API',
      owner: 'group:default/billing,group:default/pricing',
      tag: 'python',
      type: 'openapi',
      lifecycle: 'production',
      namespace: 'default',
      q: 'quotes',
      starred: true,
      sort: 'owner',
      dir: 'desc',
      page: 3,
      size: 50,
    });
    expect(state).toEqual({
      kind: 'api',
      owner: ['group:default/billing', 'group:default/pricing'],
      tag: ['python'],
      type: ['openapi'],
      lifecycle: ['production'],
      namespace: ['default'],
      q: 'quotes',
      starred: true,
      sort: 'owner',
      dir: 'desc',
      page: 3,
      size: 50,
    });
  });

  it('falls back to defaults for missing or malformed values', () => {
    expect(parseCatalogSearch({ page: '-2', size: 33, dir: 'sideways', starred: 'yes', owner: ',, ,' })).toEqual({
      kind: 'component',
      type: [],
      owner: [],
      lifecycle: [],
      tag: [],
      namespace: [],
      q: '',
      starred: false,
      sort: undefined,
      dir: 'asc',
      page: 1,
      size: 25,
    });
  });

  it('accepts values the router parsed as JSON (numbers, booleans, arrays)', () => {
    const state = parseCatalogSearch({ tag: ['a', 'b', 'a'], page: '2', starred: 'true', type: 2024 });
    expect(state.tag).toEqual(['a', 'b']);
    expect(state.page).toBe(2);
    expect(state.starred).toBe(true);
    expect(state.type).toEqual(['2024']);
  });
});

describe('catalogSearchParams', () => {
  it('round-trips through the URL and leaves defaults out', () => {
    const state = parseCatalogSearch({ kind: 'component', owner: 'group:default/billing', tag: 'nodejs,pci', page: 2 });
    const params = catalogSearchParams(state);
    expect(params).toEqual({
      kind: 'component',
      type: undefined,
      owner: 'group:default/billing',
      lifecycle: undefined,
      tag: 'nodejs,pci',
      namespace: undefined,
      q: undefined,
      starred: undefined,
      sort: undefined,
      dir: undefined,
      page: 2,
      size: undefined,
    });
    expect(parseCatalogSearch(params)).toEqual(state);
  });

  it('keeps the direction only with a sort column', () => {
    expect(catalogSearchParams({ ...parseCatalogSearch({}), dir: 'desc' }).dir).toBeUndefined();
    expect(catalogSearchParams({ ...parseCatalogSearch({}), sort: 'name', dir: 'desc' }).dir).toBe('desc');
  });
});

describe('filters', () => {
  it('knows when anything narrows the list, and clears all of it but kind, sort and size', () => {
    const state = parseCatalogSearch({ kind: 'api', tag: 'x', sort: 'type', size: 50, page: 4 });
    expect(hasFilters(state)).toBe(true);
    const cleared = clearedFilters(state);
    expect(hasFilters(cleared)).toBe(false);
    expect(cleared).toMatchObject({ kind: 'api', sort: 'type', size: 50, page: 1 });
    expect(hasFilters(parseCatalogSearch({ starred: true }))).toBe(true);
  });
});
