import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseIds } from '@portico/server/testing';
import { allOf } from '../../../query/entity-filter.js';
import { fullTextCondition } from '../../../query/full-text.js';
import { parseFilterParams } from '../../../query/parse-filter-params.js';
import { listEntities, streamEntities } from './list-entities.js';
import { queryEntities } from './query-entities.js';
import { createCatalogTestDatabase, insertCatalogEntities, type CatalogTestDatabase } from './test-fixtures/catalog-fixture.js';
import { sampleCatalog } from './test-fixtures/sample-catalog.js';

const namesOf = (bodies: string[]) => bodies.map((body) => (JSON.parse(body) as { metadata: { name: string } }).metadata.name);

describe.each(testDatabaseIds())('queryEntities and listEntities on %s', (dialect) => {
  let database: CatalogTestDatabase;
  beforeAll(async () => {
    database = await createCatalogTestDatabase(dialect);
    await insertCatalogEntities(database.db, sampleCatalog());
  });
  afterAll(() => database.close());

  const components = parseFilterParams('kind=component');
  const byName = [{ field: 'metadata.name', order: 'asc' as const }];

  it('counts on the first page, carries the count in cursors and walks next and prev', async () => {
    const first = await queryEntities(database.db, { listing: { filter: components, order: byName }, limit: 3 });
    expect(first.totalItems).toBe(8);
    expect(namesOf(first.bodies)).toEqual(['billing', 'broken-thing', 'checkout-web']);
    expect(first.prevCursor).toBeUndefined();
    expect(first.nextCursor?.totalItems).toBe(8);

    const second = await queryEntities(database.db, { listing: { order: [] }, cursor: first.nextCursor!, limit: 3 });
    expect(namesOf(second.bodies)).toEqual(['inventory', 'ledger', 'old-thing']);
    expect(second.totalItems).toBe(8);
    const third = await queryEntities(database.db, { listing: { order: [] }, cursor: second.nextCursor!, limit: 3 });
    expect(namesOf(third.bodies)).toEqual(['orders', 'Zeta-Tools']);
    expect(third.nextCursor).toBeUndefined();

    const back = await queryEntities(database.db, { listing: { order: [] }, cursor: third.prevCursor!, limit: 3 });
    expect(back.totalItems).toBe(8);
    expect(namesOf(back.bodies)).toEqual(['inventory', 'ledger', 'old-thing']);
    const backToStart = await queryEntities(database.db, { listing: { order: [] }, cursor: back.prevCursor!, limit: 3 });
    expect(namesOf(backToStart.bodies)).toEqual(['billing', 'broken-thing', 'checkout-web']);
    expect(backToStart.prevCursor).toBeUndefined();
    expect(backToStart.nextCursor).toBeDefined();
  });

  it('skips counting with totalItems=exclude and answers 0', async () => {
    const page = await queryEntities(database.db, { listing: { filter: components, order: byName }, limit: 2, totalItems: 'exclude' });
    expect(page.totalItems).toBe(0);
    expect(page.nextCursor?.totalItems).toBeUndefined();
  });

  it('filters by full text on the given fields, the order field, or name and title', async () => {
    const order = [{ field: 'metadata.title', order: 'asc' as const }];
    const term = fullTextCondition('ORDERS', ['metadata.title'], []);
    const page = await queryEntities(database.db, { listing: { filter: allOf(components, term), order }, limit: 10 });
    expect(namesOf(page.bodies)).toEqual(['orders']);
    const byDefault = await queryEntities(database.db, { listing: { filter: fullTextCondition('b team', undefined, []), order: [] }, limit: 10 });
    expect(namesOf(byDefault.bodies)).toEqual(['team-b']);
    const byOrderField = fullTextCondition('zeta', undefined, [{ field: 'metadata.name', order: 'asc' }]);
    expect(byOrderField?.keys).toEqual(['metadata.name']);
  });

  it('answers a limit of 0 with the count and no items', async () => {
    const page = await queryEntities(database.db, { listing: { filter: components, order: [] }, limit: 0 });
    expect(page).toEqual({ bodies: [], totalItems: 8 });
  });

  it('starts a first page at an offset and offers a previous page', async () => {
    const page = await queryEntities(database.db, { listing: { filter: components, order: byName }, offset: 2, limit: 2 });
    expect(namesOf(page.bodies)).toEqual(['checkout-web', 'inventory']);
    const previous = await queryEntities(database.db, { listing: { order: [] }, cursor: page.prevCursor!, limit: 2 });
    expect(namesOf(previous.bodies)).toEqual(['billing', 'broken-thing']);
  });

  it('lists by ref by default, in pages that continue after the last one', async () => {
    const first = await listEntities(database.db, { filter: parseFilterParams('kind=user'), limit: 1 });
    expect(namesOf(first.bodies)).toEqual(['ada']);
    const second = await listEntities(database.db, { filter: parseFilterParams('kind=user'), limit: 1, after: first.next! });
    expect(namesOf(second.bodies)).toEqual(['brian']);
    expect(second.next).toBeUndefined();
  });

  it('streams every match in batches, in order', async () => {
    const batches: string[][] = [];
    for await (const batch of streamEntities(database.db, { order: [{ field: 'kind', order: 'desc' }] }, 5)) {
      batches.push(batch.map((body) => (JSON.parse(body) as { kind: string }).kind));
    }
    expect(batches.map((batch) => batch.length)).toEqual([5, 5, 5, 2]);
    const kinds = batches.flat();
    expect(kinds).toEqual([...kinds].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? 1 : a.toLowerCase() > b.toLowerCase() ? -1 : 0)));
  });
});
