import type { DatabaseDialect, PluginLogger } from '@portico/server';
import type { Kysely } from 'kysely';
import { markItems, markedItems } from '../database/operations/build-marks.js';
import { withCollatorLock } from '../database/operations/collator-lock.js';
import { abandonGeneration, activateGeneration, isBuilding, openGeneration } from '../database/operations/generations.js';
import { ensureSource, getSource, liveGenerations } from '../database/operations/sources.js';
import { deleteItemDocuments, deleteOtherGenerations, insertDocuments } from '../database/operations/write-documents.js';
import type { SearchTables } from '../database/tables.js';
import type { SearchDocumentInput } from '../extension-points.js';
import { toDocumentRows, type DocumentRows } from './document-rows.js';

/** A full build of one collator's documents into a generation nobody searches yet. */
export interface GenerationBuild {
  readonly generation: number;
  append(documents: readonly SearchDocumentInput[]): Promise<void>;
  /** Switches searches to the new generation; false when a newer build took over meanwhile. */
  commit(): Promise<boolean>;
  abandon(error: string): Promise<void>;
}

export interface IndexWriter {
  ensureCollator(collatorId: string): Promise<void>;
  /** Replaces the documents of these items in every live generation (active and being built). */
  replaceItems(collatorId: string, items: ReadonlyMap<string, readonly SearchDocumentInput[]>): Promise<void>;
  startBuild(collatorId: string): Promise<GenerationBuild>;
  /** Drops generations nobody searches or builds (left by switches and crashed builds). */
  dropStaleGenerations(collatorId: string): Promise<number>;
}

export function createIndexWriter(options: {
  db: Kysely<SearchTables>;
  dialect: DatabaseDialect;
  logger: PluginLogger;
  now?: () => number;
}): IndexWriter {
  const { db, dialect, logger } = options;
  const now = options.now ?? Date.now;

  // Only PostgreSQL corrects misspelt words, from the words of names and titles.
  const writeOptions = { recordWords: dialect === 'pg' };
  const toRows = (collatorId: string, documents: readonly SearchDocumentInput[], itemKey?: string): DocumentRows[] => {
    const at = now();
    const rows: DocumentRows[] = [];
    for (const input of documents) {
      const result = toDocumentRows(itemKey === undefined ? input : { ...input, itemKey }, at);
      if ('problem' in result) logger.warn({ collatorId }, `search: skipped a document: ${result.problem}`);
      else rows.push(result);
    }
    return rows;
  };

  const dropStaleGenerations = async (collatorId: string) => {
    const source = await getSource(db, collatorId);
    return deleteOtherGenerations(db, collatorId, liveGenerations(source));
  };

  return {
    ensureCollator: (collatorId) => ensureSource(db, collatorId),

    async replaceItems(collatorId, items) {
      if (items.size === 0) return;
      const keys = [...items.keys()];
      // The documents of an item always carry that item's key, whatever the collator wrote.
      const rows = [...items].flatMap(([itemKey, documents]) => toRows(collatorId, documents, itemKey));
      await withCollatorLock(db, dialect, collatorId, async (trx) => {
        const source = await getSource(trx, collatorId);
        for (const generation of liveGenerations(source)) {
          await deleteItemDocuments(trx, collatorId, generation, keys);
          await insertDocuments(trx, collatorId, generation, rows, writeOptions);
          if (generation === source.building_generation) await markItems(trx, collatorId, generation, keys);
        }
      });
    },

    async startBuild(collatorId) {
      await ensureSource(db, collatorId);
      const generation = await withCollatorLock(db, dialect, collatorId, (trx) => openGeneration(trx, collatorId, now()));
      await dropStaleGenerations(collatorId);
      return {
        generation,
        async append(documents) {
          const rows = toRows(collatorId, documents);
          await withCollatorLock(db, dialect, collatorId, async (trx) => {
            if (!(await isBuilding(trx, collatorId, generation))) throw new Error(`the build of generation ${generation} was superseded`);
            const marked = await markedItems(trx, collatorId, generation, rows.map((row) => row.document.item_key));
            await insertDocuments(trx, collatorId, generation, marked.size ? rows.filter((row) => !marked.has(row.document.item_key)) : rows, writeOptions);
          });
        },
        async commit() {
          const previous = await withCollatorLock(db, dialect, collatorId, (trx) => activateGeneration(trx, collatorId, generation, now()));
          if (previous === undefined) return false;
          await dropStaleGenerations(collatorId);
          return true;
        },
        async abandon(error) {
          await withCollatorLock(db, dialect, collatorId, (trx) => abandonGeneration(trx, collatorId, generation, error));
          await dropStaleGenerations(collatorId);
        },
      };
    },

    dropStaleGenerations,
  };
}
