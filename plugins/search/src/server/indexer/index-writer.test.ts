import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabaseIds } from '@portico/server/testing';
import type { SearchDocumentInput } from '../extension-points.js';
import { createSearchHarness, type SearchHarness } from '../test-fixtures/search-harness.js';

const doc = (name: string, text: string): SearchDocumentInput => ({
  type: 'software-catalog',
  key: `component:default/${name}`,
  title: name,
  text,
  name,
  location: `/catalog/default/component/${name}`,
  fields: { kind: 'Component', tags: ['x'] },
});

describe.each(testDatabaseIds())('index writer on %s', (dialect) => {
  let harness: SearchHarness;
  const titles = async (term: string) => (await harness.service.query({ term })).results.map((result) => result.document.title).sort();
  const rowCount = async (table: 'search_documents' | 'search_document_fields') =>
    Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(harness.db)).rows[0]?.n);

  beforeEach(async () => {
    harness = await createSearchHarness(dialect, { collatorIds: ['catalog'] });
    await harness.indexAll('catalog', [doc('alpha', 'first version'), doc('beta', 'first version')]);
  });
  afterEach(async () => {
    await harness?.close();
  });

  it('keeps serving the old generation while a full build runs, then switches at once', async () => {
    const build = await harness.writer.startBuild('catalog');
    await build.append([doc('alpha', 'second version')]);
    expect(await titles('version')).toEqual(['alpha', 'beta']);
    expect(await titles('second')).toEqual([]);
    await build.append([doc('gamma', 'second version')]);
    expect(await build.commit()).toBe(true);
    expect(await titles('version')).toEqual(['alpha', 'gamma']);
    expect(await titles('first')).toEqual([]);
    // The old generation's rows are gone, not merely hidden.
    expect(await rowCount('search_documents')).toBe(2);
    expect(await rowCount('search_document_fields')).toBe(4);
  });

  it('lets an incremental change made during a build win over what the build read earlier', async () => {
    const build = await harness.writer.startBuild('catalog');
    // The build read alpha and beta before they changed...
    const stale = [doc('alpha', 'first version'), doc('beta', 'first version')];
    // ...then alpha changed and beta was deleted, while the build was still writing.
    await harness.writer.replaceItems('catalog', new Map([['component:default/alpha', [doc('alpha', 'edited version')]], ['component:default/beta', []]]));
    expect(await titles('edited')).toEqual(['alpha']);
    expect(await titles('beta')).toEqual([]);
    await build.append(stale);
    expect(await build.commit()).toBe(true);
    expect(await titles('version')).toEqual(['alpha']);
    expect(await titles('edited')).toEqual(['alpha']);
  });

  it('leaves the index as it was when a build is abandoned', async () => {
    const build = await harness.writer.startBuild('catalog');
    await build.append([doc('gamma', 'never shown')]);
    await build.abandon('collator failed');
    expect(await titles('version')).toEqual(['alpha', 'beta']);
    expect(await titles('shown')).toEqual([]);
    expect(await rowCount('search_documents')).toBe(2);
    const status = await harness.db.selectFrom('search_sources').selectAll().where('collator_id', '=', 'catalog').executeTakeFirstOrThrow();
    expect(status).toMatchObject({ building_generation: null, last_error: 'collator failed' });
  });

  it('drops a build that a newer one superseded', async () => {
    const older = await harness.writer.startBuild('catalog');
    const newer = await harness.writer.startBuild('catalog');
    await expect(older.append([doc('gamma', 'old build')])).rejects.toThrow(/superseded/);
    expect(await older.commit()).toBe(false);
    await newer.append([doc('delta', 'new build')]);
    expect(await newer.commit()).toBe(true);
    expect(await titles('build')).toEqual(['delta']);
  });

  it("replaces all of an item's documents and skips documents that cannot be indexed", async () => {
    const section = (id: string): SearchDocumentInput => ({
      type: 'techdocs',
      key: `component:default/alpha#${id}`,
      title: `Section ${id}`,
      text: 'alpha docs',
      location: `/docs/alpha#${id}`,
    });
    await harness.writer.replaceItems('catalog', new Map([['component:default/alpha', [doc('alpha', 'v2'), section('one'), section('two')]]]));
    expect(await titles('alpha')).toEqual(['Section one', 'Section two', 'alpha']);
    await harness.writer.replaceItems('catalog', new Map([['component:default/alpha', [section('two'), { ...section('three'), title: '' }]]]));
    expect(await titles('alpha')).toEqual(['Section two']);
  });
});
