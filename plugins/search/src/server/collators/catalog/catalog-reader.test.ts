import type { Entity } from '@portico/model';
import { describe, expect, it } from 'vitest';
import { catalogServiceReader, createHttpCatalogReader } from './catalog-reader.js';

const entity = (name: string): Entity => ({ apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name } });

describe('catalog readers', () => {
  it('pages through by-query with cursors and reads by refs in batches', async () => {
    const requests: string[] = [];
    const reader = createHttpCatalogReader(async ({ method, url, payload }) => {
      requests.push(`${method} ${url}`);
      if (url.includes('by-refs')) {
        const refs = (payload as { entityRefs: string[] }).entityRefs;
        return { statusCode: 200, body: JSON.stringify({ items: refs.map((ref) => (ref.endsWith('missing') ? null : entity(ref))) }) };
      }
      const second = url.includes('cursor=c2');
      return { statusCode: 200, body: JSON.stringify({ items: [entity(second ? 'b' : 'a')], pageInfo: second ? {} : { nextCursor: 'c2' } }) };
    });
    const pages: string[][] = [];
    for await (const page of reader.streamEntities(new AbortController().signal)) pages.push(page.map((item) => item.metadata.name));
    expect(pages).toEqual([['a'], ['b']]);
    expect(requests).toEqual([
      'GET /api/catalog/entities/by-query?limit=500&totalItems=exclude',
      'GET /api/catalog/entities/by-query?limit=500&totalItems=exclude&cursor=c2',
    ]);
    const found = await reader.getEntitiesByRefs(['component:default/x', 'component:default/missing']);
    expect(found.map((item) => item?.metadata.name)).toEqual(['component:default/x', undefined]);
  });

  it('names the catalog route and status when a read fails', async () => {
    const reader = createHttpCatalogReader(async () => ({ statusCode: 503, body: '{"error":"down"}' }));
    await expect(reader.getEntitiesByRefs(['a'])).rejects.toThrow('catalog POST /api/catalog/entities/by-refs answered 503: {"error":"down"}');
  });

  it("reads through the catalog's service when it is published", async () => {
    const reader = catalogServiceReader({
      async *streamEntities(_query, batchSize) {
        expect(batchSize).toBe(500);
        yield [entity('a'), entity('b')];
      },
      getEntitiesByRefs: async (refs) => refs.map((ref) => (ref === 'x' ? entity('x') : undefined)),
    });
    const controller = new AbortController();
    const batches: Entity[][] = [];
    for await (const batch of reader.streamEntities(controller.signal)) batches.push(batch);
    expect(batches.flat().map((item) => item.metadata.name)).toEqual(['a', 'b']);
    expect((await reader.getEntitiesByRefs(['x', 'y'])).map((item) => item?.metadata.name)).toEqual(['x', undefined]);
  });
});
