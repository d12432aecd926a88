import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseIds } from '@portico/server/testing';
import { parseFilterParams } from '../../../query/parse-filter-params.js';
import { countEntities } from './count-entities.js';
import { getEntityFacets } from './entity-facets.js';
import { createCatalogTestDatabase, entityOf, insertCatalogEntities, type CatalogTestDatabase } from './test-fixtures/catalog-fixture.js';
import { sampleCatalog } from './test-fixtures/sample-catalog.js';

describe.each(testDatabaseIds())('cached counts and facets on %s', (dialect) => {
  let database: CatalogTestDatabase;
  beforeAll(async () => {
    database = await createCatalogTestDatabase(dialect);
    await insertCatalogEntities(database.db, sampleCatalog());
  });
  afterAll(() => database.close());

  it('answer again from the cache, and see every write at once', async () => {
    const components = parseFilterParams('kind=component');
    expect(await countEntities(database.db, components)).toBe(8);
    expect(await countEntities(database.db, components)).toBe(8);
    const before = await getEntityFacets(database.db, ['spec.type']);
    expect(before['spec.type']?.find((facet) => facet.value === 'website')).toEqual({ value: 'website', count: 1 });

    const [added] = await insertCatalogEntities(database.db, [entityOf('Component', 'new-site', { spec: { type: 'website', lifecycle: 'production', owner: 'team-a' } })]);
    expect(await countEntities(database.db, components)).toBe(9);
    const after = await getEntityFacets(database.db, ['spec.type']);
    expect(after['spec.type']?.find((facet) => facet.value === 'website')).toEqual({ value: 'website', count: 2 });

    await database.db.deleteFrom('catalog_search').where('entity_id', '=', added!.uid).execute();
    await database.db.deleteFrom('catalog_entities').where('entity_id', '=', added!.uid).execute();
    expect(await countEntities(database.db, components)).toBe(8);
    expect((await getEntityFacets(database.db, ['spec.type']))['spec.type']).toEqual(before['spec.type']);
  });
});
