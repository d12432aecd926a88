import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseIds } from '@portico/server/testing';
import { MAX_COUNTED_RESULTS } from '../../common/index.js';
import type { SearchDocumentInput } from '../extension-points.js';
import { createSearchHarness, type SearchHarness } from '../test-fixtures/search-harness.js';

const documents: SearchDocumentInput[] = Array.from({ length: 1200 }, (_, index) => ({
  type: 'software-catalog',
  key: `component:default/bulk-${index}`,
  title: `Bulk item ${index}`,
  text: 'generated in bulk',
  location: `/catalog/default/component/bulk-${index}`,
  fields: { kind: index % 10 === 0 ? 'API' : 'Component' },
}));

describe.each(testDatabaseIds())('counting a common word on %s', (dialect) => {
  let harness: SearchHarness;

  beforeAll(async () => {
    harness = await createSearchHarness(dialect, { collatorIds: ['catalog'] });
    await harness.indexAll('catalog', documents);
  });
  afterAll(async () => {
    await harness?.close();
  });

  it('stops counting at 1,000 and pages up to there', async () => {
    expect(MAX_COUNTED_RESULTS).toBe(1000);
    const first = await harness.service.query({ term: 'bulk', pageLimit: 100 });
    expect(first.numberOfResults).toBe(1000);
    const last = await harness.service.query({ term: 'bulk', pageLimit: 100, pageCursor: Buffer.from(JSON.stringify({ offset: 900 })).toString('base64url') });
    expect(last.results).toHaveLength(100);
    expect(last.nextPageCursor).toBeUndefined();
  });

  it('counts exactly below the cap', async () => {
    const apis = await harness.service.query({ term: 'bulk', filters: { kind: 'api' } });
    expect(apis.numberOfResults).toBe(120);
  });

  it('says when facet counts cover only the first 1,000 matches', async () => {
    const sampled = await harness.service.facets({ term: 'bulk', facets: ['kind'] });
    expect(sampled.sampled).toBe(true);
    expect(sampled.facets.kind!.reduce((sum, item) => sum + item.count, 0)).toBe(1000);
    const exact = await harness.service.facets({ term: 'bulk', filters: { kind: 'api' }, facets: ['types'] });
    expect(exact).toEqual({ facets: { types: [{ value: 'software-catalog', count: 120 }] }, numberOfResults: 120, sampled: false });
  });
});
