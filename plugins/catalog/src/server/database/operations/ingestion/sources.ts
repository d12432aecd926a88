import type { Kysely, Transaction } from 'kysely';
import type { LocationSpec } from '../../../service/ingestion-api.js';
import type { CatalogTables } from '../../tables.js';
import { chunk } from './sql-helpers.js';

type Db = Kysely<CatalogTables> | Transaction<CatalogTables>;

/** What was learned about a file or URL the last time its tree was read. */
export interface StoredSource {
  sourceKey: string;
  parentKey: string | null;
  contentHash: string | null;
  httpEtag: string | null;
  reusable: boolean;
  emittedRefs: string[];
  children: LocationSpec[];
  lastError: string | null;
}

export async function loadSources(db: Db, originKey: string): Promise<Map<string, StoredSource>> {
  const rows = await db.selectFrom('catalog_sources').selectAll().where('origin_key', '=', originKey).execute();
  return new Map(
    rows.map((row) => [
      row.source_key,
      {
        sourceKey: row.source_key,
        parentKey: row.parent_key,
        contentHash: row.content_hash,
        httpEtag: row.http_etag,
        reusable: Number(row.reusable) === 1,
        emittedRefs: JSON.parse(row.emitted_refs) as string[],
        children: JSON.parse(row.children) as LocationSpec[],
        lastError: row.last_error,
      },
    ]),
  );
}

export async function saveSource(db: Db, originKey: string, source: StoredSource, now: number): Promise<void> {
  const values = {
    parent_key: source.parentKey,
    content_hash: source.contentHash,
    http_etag: source.httpEtag,
    reusable: source.reusable ? 1 : 0,
    emitted_refs: JSON.stringify(source.emittedRefs),
    children: JSON.stringify(source.children),
    last_error: source.lastError,
    refreshed_at: now,
  };
  await db
    .insertInto('catalog_sources')
    .values({ origin_key: originKey, source_key: source.sourceKey, ...values })
    .onConflict((conflict) => conflict.columns(['origin_key', 'source_key']).doUpdateSet(values))
    .execute();
}

export async function deleteSources(db: Db, originKey: string, sourceKeys?: readonly string[]): Promise<void> {
  if (!sourceKeys) {
    await db.deleteFrom('catalog_sources').where('origin_key', '=', originKey).execute();
    return;
  }
  for (const part of chunk(sourceKeys, 500)) {
    if (part.length) await db.deleteFrom('catalog_sources').where('origin_key', '=', originKey).where('source_key', 'in', part).execute();
  }
}

/** Makes the next read of a source parse it again (e.g. after one of its entities was deleted by hand). */
export async function forgetSourceContent(db: Db, originKey: string, sourceKey: string): Promise<void> {
  await db
    .updateTable('catalog_sources')
    .set({ content_hash: null, http_etag: null, reusable: 0 })
    .where('origin_key', '=', originKey)
    .where('source_key', '=', sourceKey)
    .execute();
}
