import { describe, expect, it } from 'vitest';
import { catalogPredicate, catalogQueryRequest } from './catalog-query.js';
import { parseCatalogSearch } from './catalog-search.js';

describe('catalogPredicate', () => {
  it('narrows by kind, one value as equality and several as $in', () => {
    const state = parseCatalogSearch({ kind: 'component', owner: 'group:default/billing', tag: 'nodejs,pci' });
    expect(catalogPredicate(state, [])).toEqual({
      $all: [{ kind: 'component' }, { 'relations.ownedBy': 'group:default/billing' }, { 'metadata.tags': { $in: ['nodejs', 'pci'] } }],
    });
  });

  it('limits the starred view to the starred entities of the kind', () => {
    const state = parseCatalogSearch({ kind: 'component', starred: true });
    const starred = ['component:default/haulkit', 'api:default/booking-api', 'component:ops/ledger', 'not a ref:'];
    expect(catalogPredicate(state, starred)).toEqual({
      $all: [
        { kind: 'component' },
        {
          $any: [
            { 'metadata.namespace': 'default', 'metadata.name': 'haulkit' },
            { 'metadata.namespace': 'ops', 'metadata.name': 'ledger' },
          ],
        },
      ],
    });
  });

  it('needs no request when nothing of the kind is starred', () => {
    expect(catalogPredicate(parseCatalogSearch({ kind: 'system', starred: true }), ['component:default/haulkit'])).toBeUndefined();
  });
});

describe('catalogQueryRequest', () => {
  it('asks for one page with the total, the table fields and the text filter', () => {
    const state = parseCatalogSearch({ kind: 'api', q: '  quotes ', page: 3, size: 10 });
    const request = catalogQueryRequest(state, { kind: 'api' }, [{ field: 'spec.owner', order: 'desc' }]);
    expect(request).toMatchObject({
      query: { kind: 'api' },
      orderBy: [{ field: 'spec.owner', order: 'desc' }],
      fullTextFilter: { term: 'quotes' },
      limit: 10,
      offset: 20,
      totalItems: 'include',
    });
    expect(request.fields).toContain('metadata.title');
    expect(catalogQueryRequest(parseCatalogSearch({ q: '   ' }), { kind: 'component' }, []).fullTextFilter).toBeUndefined();
  });
});
