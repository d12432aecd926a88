import type { Kysely } from 'kysely';
import type { DocumentRows } from '../../indexer/document-rows.js';
import { splitWords } from '../../query/words.js';
import type { SearchTables } from '../tables.js';

/** Rows per INSERT: 17 columns × 400 stays far below SQLite's and PostgreSQL's parameter limits. */
const BATCH = 400;
const FIELD_BATCH = 2000;

/**
 * Inserts documents into one generation with their field rows. A document whose key is already
 * there is skipped (a collator that yields the same key twice keeps its first).
 */
export async function insertDocuments(
  db: Kysely<SearchTables>,
  collatorId: string,
  generation: number,
  documents: readonly DocumentRows[],
  options: { recordWords?: boolean } = {},
): Promise<number> {
  let inserted = 0;
  if (options.recordWords) await recordWords(db, documents);
  for (let start = 0; start < documents.length; start += BATCH) {
    const batch = documents.slice(start, start + BATCH);
    const ids = await db
      .insertInto('search_documents')
      .values(batch.map((rows) => ({ ...rows.document, collator_id: collatorId, generation })))
      .onConflict((conflict) => conflict.columns(['collator_id', 'generation', 'type', 'doc_key']).doNothing())
      .returning(['id', 'type', 'doc_key'])
      .execute();
    inserted += ids.length;
    const idByKey = new Map(ids.map((row) => [`${row.type}\u0000${row.doc_key}`, row.id]));
    const fieldRows = batch.flatMap((rows) => {
      const id = idByKey.get(`${rows.document.type}\u0000${rows.document.doc_key}`);
      return id === undefined ? [] : rows.fields.map((field) => ({ ...field, document_id: id }));
    });
    for (let offset = 0; offset < fieldRows.length; offset += FIELD_BATCH) {
      await db.insertInto('search_document_fields').values(fieldRows.slice(offset, offset + FIELD_BATCH)).execute();
    }
  }
  return inserted;
}

/**
 * Adds the words of the documents' names and titles to search_words. Sorted, so concurrent
 * writers take the unique index's locks in the same order and never deadlock.
 */
async function recordWords(db: Kysely<SearchTables>, documents: readonly DocumentRows[]): Promise<void> {
  const words = new Set<string>();
  for (const { document } of documents) {
    for (const word of splitWords(`${document.name} ${document.title}`)) if (word.length >= 3 && word.length <= 100) words.add(word);
  }
  const sorted = [...words].sort();
  for (let start = 0; start < sorted.length; start += FIELD_BATCH) {
    await db
      .insertInto('search_words')
      .values(sorted.slice(start, start + FIELD_BATCH).map((word) => ({ word })))
      .onConflict((conflict) => conflict.column('word').doNothing())
      .execute();
  }
}

/** Removes every document (and its field rows) of the given items from one generation. */
export async function deleteItemDocuments(
  db: Kysely<SearchTables>,
  collatorId: string,
  generation: number,
  itemKeys: readonly string[],
): Promise<void> {
  for (let start = 0; start < itemKeys.length; start += BATCH) {
    const keys = itemKeys.slice(start, start + BATCH);
    const documents = db
      .selectFrom('search_documents')
      .select('id')
      .where('collator_id', '=', collatorId)
      .where('generation', '=', generation)
      .where('item_key', 'in', keys);
    await db.deleteFrom('search_document_fields').where('document_id', 'in', documents).execute();
    await db
      .deleteFrom('search_documents')
      .where('collator_id', '=', collatorId)
      .where('generation', '=', generation)
      .where('item_key', 'in', keys)
      .execute();
  }
}

/**
 * Deletes a collator's documents outside the given generations, a chunk per statement so no
 * transaction grows large. Those generations are invisible to searches already.
 */
export async function deleteOtherGenerations(
  db: Kysely<SearchTables>,
  collatorId: string,
  keep: readonly number[],
  chunk = 2000,
): Promise<number> {
  let deleted = 0;
  for (;;) {
    let query = db.selectFrom('search_documents').select('id').where('collator_id', '=', collatorId);
    if (keep.length) query = query.where('generation', 'not in', keep);
    const ids = (await query.limit(chunk).execute()).map((row) => row.id);
    if (ids.length === 0) return deleted;
    await db.deleteFrom('search_document_fields').where('document_id', 'in', ids).execute();
    await db.deleteFrom('search_documents').where('id', 'in', ids).execute();
    deleted += ids.length;
  }
}
