import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabaseIds } from '@portico/server/testing';
import { countPending } from '../database/operations/pending.js';
import type { SearchCollator, SearchDocumentInput, SearchIndexConnection } from '../extension-points.js';
import { createSearchHarness, type SearchHarness } from '../test-fixtures/search-harness.js';
import { IncrementalIndexer } from './incremental-indexer.js';

const doc = (name: string, text: string): SearchDocumentInput => ({
  type: 'software-catalog',
  key: name,
  title: name,
  text,
  location: `/catalog/${name}`,
});

/** A collator over an in-memory map that the test edits, like a catalog whose entities change. */
function mapCollator(source: Map<string, string>, failing: { now: boolean }): SearchCollator & { connection?: SearchIndexConnection } {
  const collator: SearchCollator & { connection?: SearchIndexConnection } = {
    id: 'catalog',
    types: ['software-catalog'],
    async *collate() {
      yield [...source].map(([name, text]) => doc(name, text));
    },
    async refresh(itemKeys) {
      if (failing.now) throw new Error('source unavailable');
      return new Map(itemKeys.filter((key) => source.has(key)).map((key) => [key, [doc(key, source.get(key)!)]]));
    },
    connect(connection) {
      collator.connection = connection;
    },
  };
  return collator;
}

describe.each(testDatabaseIds())('incremental indexer on %s', (dialect) => {
  let harness: SearchHarness;
  let indexer: IncrementalIndexer;
  const source = new Map<string, string>();
  const failing = { now: false };
  let collator: ReturnType<typeof mapCollator>;
  const texts = async (term: string) => (await harness.service.query({ term })).results.map((result) => `${result.document.title}: ${result.document.text}`);

  beforeEach(async () => {
    source.clear();
    source.set('alpha', 'original words');
    failing.now = false;
    harness = await createSearchHarness(dialect, { collatorIds: ['catalog'] });
    collator = mapCollator(source, failing);
    await harness.indexAll('catalog', [doc('alpha', 'original words')]);
    indexer = new IncrementalIndexer({ db: harness.db, dialect, writer: harness.writer, logger: pino({ level: 'silent' }), gatherMs: 10 });
    await collator.connect!(indexer.connectionFor(collator)!);
  });
  afterEach(async () => {
    await indexer?.stop();
    await harness?.close();
  });

  it('queues changes before the portal serves and refreshes them once it starts', async () => {
    source.set('alpha', 'changed words');
    source.set('beta', 'new words');
    await collator.connection!.invalidate(['alpha', 'beta']);
    expect(await countPending(harness.db, 'catalog')).toBe(2);
    expect(await texts('words')).toEqual(['alpha: original words']);
    await indexer.start();
    expect(await texts('words')).toEqual(['alpha: changed words', 'beta: new words']);
    expect(await countPending(harness.db, 'catalog')).toBe(0);
  });

  it('removes the documents of items that are gone', async () => {
    await indexer.start();
    source.delete('alpha');
    await collator.connection!.invalidate(['alpha']);
    await indexer.settle();
    expect(await texts('words')).toEqual([]);
  });

  it('keeps items queued when refreshing fails, and does them on a later round', async () => {
    await indexer.start();
    failing.now = true;
    source.set('alpha', 'changed words');
    await collator.connection!.invalidate(['alpha']);
    await indexer.settle();
    expect(await countPending(harness.db, 'catalog')).toBe(1);
    expect(await texts('words')).toEqual(['alpha: original words']);
    failing.now = false;
    await indexer.drainAll();
    await indexer.settle();
    expect(await texts('words')).toEqual(['alpha: changed words']);
  });
});
