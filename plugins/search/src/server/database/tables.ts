import type { Generated } from 'kysely';

/**
 * The search plugin's tables. Times are epoch milliseconds; JSON lives in text columns. The
 * full-text index itself is `search_documents_fts` (an FTS5 table over search_documents) on
 * SQLite, and the generated `tsv` column with its GIN index on PostgreSQL; both are reached
 * through raw SQL in the engines.
 */
export interface SearchTables {
  /**
   * One row per collator: which generation of its documents searches see. A full re-index
   * writes `building_generation` and then switches `active_generation` to it in one update.
   */
  search_sources: {
    collator_id: string;
    active_generation: number;
    building_generation: number | null;
    build_started_at: number | null;
    last_built_at: number | null;
    last_error: string | null;
  };

  /** One row per document per live generation. */
  search_documents: {
    id: Generated<number>;
    collator_id: string;
    generation: number;
    type: string;
    /** Unique within the collator's generation and type, e.g. an entity ref. */
    doc_key: string;
    /** The item the document came from; incremental updates replace an item's documents. */
    item_key: string;
    name: string;
    /** name and title reduced to lower-case words, for exact-match ranking. */
    name_norm: string;
    title: string;
    title_norm: string;
    /** Field values as text, indexed with a low weight (tags, kind, owner, ...). */
    keywords: string;
    text: string;
    location: string;
    /** The document's fields as the collator gave them, JSON. */
    fields: string;
    /** Lower-cased ref of the owner, for ranking the searcher's own things higher. */
    owner_ref: string | null;
    /** When the content last changed, for nudging recent edits up. */
    updated_at: number | null;
    indexed_at: number;
  };

  /** Field values flattened to one lower-cased row per value, for filters and facets. */
  search_document_fields: {
    document_id: number;
    key: string;
    value: string;
    original_value: string;
  };

  /**
   * PostgreSQL only: every word of a name or title, for correcting misspelt search words with
   * pg_trgm. Words are added as documents arrive and never removed (a word no document has any
   * more only leads to a correction that matches nothing).
   */
  search_words: {
    word: string;
  };

  /**
   * Items whose documents must be refreshed (from events). Every replica hears every event and
   * queues it here; whichever replica claims the row does the work.
   */
  search_pending: {
    collator_id: string;
    item_key: string;
    queued_at: number;
  };

  /**
   * Items refreshed incrementally into a generation that is still being built: the build leaves
   * them alone, so what it read earlier never overwrites a newer change (or revives a removal).
   */
  search_build_marks: {
    collator_id: string;
    generation: number;
    item_key: string;
  };
}
