import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseIds } from '@portico/server/testing';
import type { EntityFilter } from '../../../query/entity-filter.js';
import { parseFilterParams } from '../../../query/parse-filter-params.js';
import { parsePredicate } from '../../../query/parse-predicate.js';
import { compileFilter, compileFilterAsIdSet } from './compile-filter.js';
import { createCatalogTestDatabase, insertCatalogEntities, type CatalogTestDatabase } from './test-fixtures/catalog-fixture.js';
import { sampleCatalog } from './test-fixtures/sample-catalog.js';

describe.each(testDatabaseIds())('compileFilter on %s', (dialect) => {
  let database: CatalogTestDatabase;
  beforeAll(async () => {
    database = await createCatalogTestDatabase(dialect);
    await insertCatalogEntities(database.db, sampleCatalog());
  });
  afterAll(() => database.close());

  /** The matches, checked to be the same whether conditions are probes, id sets per row, or one set expression. */
  async function refs(filter: EntityFilter, withRefColumn = true): Promise<string[]> {
    const results: string[][] = [];
    for (const mode of ['exists', 'in'] as const) {
      const condition = compileFilter(filter, { entityId: 'e.entity_id', mode, ...(withRefColumn ? { entityRef: 'e.entity_ref' } : {}) });
      const result = await sql<{ entity_ref: string }>`SELECT e.entity_ref FROM catalog_entities e WHERE ${condition} ORDER BY e.entity_ref`.execute(database.db);
      results.push(result.rows.map((row) => row.entity_ref));
    }
    const set = await sql<{ entity_ref: string }>`SELECT e.entity_ref FROM catalog_entities e WHERE e.entity_id IN (${compileFilterAsIdSet(filter)}) ORDER BY e.entity_ref`.execute(database.db);
    results.push(set.rows.map((row) => row.entity_ref));
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    return results[0]!;
  }
  const params = async (...filters: string[]) => refs(parseFilterParams(filters)!);

  it('ANDs statements in one filter and ORs repeated filters', async () => {
    expect(await params('kind=component,spec.type=website')).toEqual(['component:default/checkout-web']);
    expect(await params('kind=user', 'kind=domain')).toEqual(['domain:default/commerce', 'user:default/ada', 'user:default/brian']);
  });

  it('compares keys and values case-insensitively', async () => {
    expect(await params('KIND=Component,Spec.Lifecycle=DEPRECATED')).toEqual(['component:default/ledger', 'component:default/old-thing']);
  });

  it('treats a bare key as "exists" and several values of one key as alternatives', async () => {
    expect(await params('kind=group,spec.profile.displayName')).toEqual(['group:default/team-b']);
    expect(await params('kind=component,spec.type=website,spec.type=library')).toEqual([
      'component:default/checkout-web',
      'component:default/ledger',
      'component:default/zeta-tools',
    ]);
  });

  it('matches array items, by value and by the item flag', async () => {
    // `JAVA` on ledger and `java` on orders: both match, whatever the case in the file.
    expect(await params('metadata.tags=java')).toEqual(['component:default/ledger', 'component:default/orders']);
    expect(await params('metadata.tags.java')).toEqual(['component:default/ledger', 'component:default/orders']);
    expect(await params('metadata.tags.java,metadata.tags.payments')).toEqual(['component:default/orders']);
  });

  it('matches relations by type and target ref, in both directions', async () => {
    expect(await params('kind=component,relations.ownedby=group:default/team-a')).toEqual([
      'component:default/broken-thing',
      'component:default/orders',
      'component:default/zeta-tools',
    ]);
    expect(await params('relations.hasmember=user:default/brian')).toEqual(['group:default/team-a', 'group:default/team-b']);
    expect(await params('relations.apiconsumedby')).toEqual(['api:default/orders-api']);
  });

  it('matches annotation keys that contain dots and slashes, and values that contain =', async () => {
    expect(await params('metadata.annotations.backstage.io/orphan=true')).toEqual(['component:default/old-thing']);
    expect(await params('metadata.annotations.github.com/project-slug=org/orders')).toEqual(['component:default/orders']);
    expect(await params('metadata.namespace=ops')).toEqual(['component:ops/inventory']);
    expect(await refs({ key: 'metadata.description', values: ['the shop front, with a = sign and, a comma'] })).toEqual([
      'component:default/checkout-web',
    ]);
  });

  it('answers kind conditions the same through the ref range as through search rows', async () => {
    for (const filter of [parseFilterParams('kind=component')!, parseFilterParams(['kind=user', 'kind=api,spec.type=openapi'])!, { not: { key: 'kind', values: ['component', 'group'] } }]) {
      const viaRefs = await refs(filter, true);
      expect(viaRefs.length).toBeGreaterThan(0);
      expect(viaRefs).toEqual(await refs(filter, false));
    }
  });

  it('compiles predicates: $all, $any, $not, $exists, $in, $hasPrefix and primitives', async () => {
    const predicate = parsePredicate({
      $all: [
        { kind: 'component' },
        { $any: [{ 'spec.lifecycle': { $in: ['Experimental', 'deprecated'] } }, { 'metadata.name': { $hasPrefix: 'ZETA' } }] },
        { $not: { 'metadata.annotations.backstage.io/orphan': { $exists: true } } },
      ],
    });
    expect(await refs(predicate)).toEqual([
      'component:default/broken-thing',
      'component:default/checkout-web',
      'component:default/ledger',
      'component:default/zeta-tools',
    ]);
    expect(await refs(parsePredicate({ 'spec.profile.email': { $exists: false }, kind: 'user' }))).toEqual(['user:default/brian']);
    expect(await refs(parsePredicate({ 'spec.replicas': 3 }))).toEqual([]);
  });

  it('matches substrings for full text, with LIKE wildcards taken literally', async () => {
    expect(await refs({ keys: ['metadata.name', 'metadata.title'], contains: 'ORDER' })).toEqual([
      'api:default/orders-api',
      'component:default/orders',
      'resource:default/orders-db',
    ]);
    expect(await refs({ keys: ['metadata.name'], contains: '%' })).toEqual([]);
    expect(await refs({ keys: ['metadata.name'], contains: '_' })).toEqual([]);
    expect(await refs({ keys: ['metadata.description'], contains: '= sign' })).toEqual(['component:default/checkout-web']);
  });

  it('matches nothing for empty alternatives and everything for empty conjunctions', async () => {
    expect(await refs({ anyOf: [] })).toEqual([]);
    expect(await refs({ key: 'kind', values: [] })).toEqual([]);
    expect((await refs({ allOf: [] })).length).toBe(sampleCatalog().length);
  });
});
