import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseIds } from '@portico/server/testing';
import type { EntityFilter } from '../../../query/entity-filter.js';
import { parseFilterParams } from '../../../query/parse-filter-params.js';
import { buildSearchRows } from '../search/build-search-rows.js';
import { selectEntityPage, type EntityOrder, type EntityPageRow } from './entity-page.js';
import { createCatalogTestDatabase, insertCatalogEntities, type CatalogTestDatabase, type InsertedEntity } from './test-fixtures/catalog-fixture.js';
import { sampleCatalog } from './test-fixtures/sample-catalog.js';

/** The order the API promises, computed in memory from the same search rows. */
function expectedOrder(entities: InsertedEntity[], order: EntityOrder[], keep: (entity: InsertedEntity) => boolean): string[] {
  const keyed = entities.filter(keep).map((entity) => {
    const rows = buildSearchRows(entity.uid, entity.finalEntity);
    const values = order.map(({ field, order: direction }) => {
      const found = rows.filter((row) => row.key === field && row.value !== null).map((row) => row.value as string).sort();
      return (direction === 'asc' ? found[0] : found.at(-1)) ?? null;
    });
    return { ref: entity.ref, values };
  });
  keyed.sort((a, b) => {
    for (let index = 0; index < order.length; index++) {
      const [x, y] = [a.values[index] ?? null, b.values[index] ?? null];
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      const sign = order[index]!.order === 'asc' ? 1 : -1;
      return x < y ? -sign : sign;
    }
    return a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0;
  });
  return keyed.map((item) => item.ref);
}

const orders: EntityOrder[][] = [
  [],
  [{ field: 'metadata.name', order: 'asc' }],
  [{ field: 'metadata.name', order: 'desc' }],
  [{ field: 'metadata.title', order: 'asc' }],
  [{ field: 'metadata.title', order: 'desc' }],
  [{ field: 'metadata.tags', order: 'asc' }],
  [{ field: 'metadata.tags', order: 'desc' }],
  [{ field: 'spec.lifecycle', order: 'asc' }, { field: 'metadata.title', order: 'desc' }],
  [{ field: 'Metadata.Namespace', order: 'desc' }, { field: 'kind', order: 'asc' }, { field: 'metadata.name', order: 'asc' }],
];

const filters: Array<{ text: string; filter?: EntityFilter; keep: (entity: InsertedEntity) => boolean }> = [
  { text: 'none', keep: () => true },
  { text: 'kind=component', filter: parseFilterParams('kind=component'), keep: (e) => e.finalEntity.kind === 'Component' },
  {
    text: 'kind=component,spec.lifecycle=production',
    filter: parseFilterParams('kind=component,spec.lifecycle=production'),
    keep: (e) => e.finalEntity.kind === 'Component' && e.finalEntity.spec?.lifecycle === 'production',
  },
];

describe.each(testDatabaseIds())('selectEntityPage on %s', (dialect) => {
  let database: CatalogTestDatabase;
  let inserted: InsertedEntity[];
  beforeAll(async () => {
    database = await createCatalogTestDatabase(dialect);
    inserted = await insertCatalogEntities(database.db, sampleCatalog());
  });
  afterAll(() => database.close());

  const refsOf = (rows: EntityPageRow[]) => rows.map((row) => row.entityRef);

  for (const order of orders) {
    for (const { text, filter, keep } of filters) {
      const name = `${order.map((entry) => `${entry.field} ${entry.order}`).join(', ') || 'default order'} / filter ${text}`;

      it(`pages forward and backward in the promised order: ${name}`, async () => {
        const expected = expectedOrder(inserted, order.map((entry) => ({ ...entry, field: entry.field.toLowerCase() })), keep);
        expect(expected.length).toBeGreaterThan(2);
        for (const limit of [1, 4, 100]) {
          const forward: string[] = [];
          let last: EntityPageRow | undefined;
          for (let guard = 0; guard < 100; guard++) {
            const rows = await selectEntityPage(database.db, {
              ...(filter ? { filter } : {}),
              order,
              ...(last ? { after: { values: last.values, ref: last.entityRef } } : {}),
              limit,
            });
            forward.push(...refsOf(rows));
            if (rows.length < limit) break;
            last = rows.at(-1);
          }
          expect(forward).toEqual(expected);

          const backward: string[] = [];
          const end = await selectEntityPage(database.db, { ...(filter ? { filter } : {}), order, offset: expected.length - 1, limit: 1 });
          let first: EntityPageRow = end[0]!;
          backward.unshift(first.entityRef);
          for (let guard = 0; guard < 100; guard++) {
            const rows = await selectEntityPage(database.db, {
              ...(filter ? { filter } : {}),
              order,
              before: { values: first.values, ref: first.entityRef },
              limit,
            });
            backward.unshift(...refsOf(rows));
            if (rows.length < limit) break;
            first = rows[0]!;
          }
          expect(backward).toEqual(expected);
        }
      });

      it(`takes offsets across entities with and without values: ${name}`, async () => {
        const expected = expectedOrder(inserted, order.map((entry) => ({ ...entry, field: entry.field.toLowerCase() })), keep);
        for (const offset of [0, 1, Math.floor(expected.length / 2), expected.length - 1, expected.length + 3]) {
          const rows = await selectEntityPage(database.db, { ...(filter ? { filter } : {}), order, offset, limit: 3 });
          expect(refsOf(rows)).toEqual(expected.slice(offset, offset + 3));
        }
      });
    }
  }
});
