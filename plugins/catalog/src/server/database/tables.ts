import type { Generated } from 'kysely';

/**
 * The catalog's tables. Every timestamp is epoch milliseconds (bigint); JSON lives in text
 * columns so the schema is the same on SQLite and PostgreSQL.
 */
export interface CatalogTables {
  /** One row per entity: its last good body, its stitched final form and its processing state. */
  catalog_entities: {
    /** The entity's uid (metadata.uid), stable for the life of the entity. */
    entity_id: string;
    /** Lower-cased `kind:namespace/name`, unique. */
    entity_ref: string;
    kind: string;
    namespace: string;
    name: string;
    /**
     * Who emitted the entity: `location:<type>:<target>` for a location (the file or URL it was
     * read from), or `provider:<name>` for an entity provider. Another emitter of the same ref is
     * a conflict; the first one keeps it.
     */
    source_key: string;
    /** The registered or configured location that led here (`<type>:<target>`), for orphans and deletion. */
    origin_key: string;
    /** The validated entity as written (with namespace defaulted and managed-by annotations), JSON. */
    body: string;
    /** Hash of `body`, to skip work when nothing changed. */
    body_hash: string;
    /** The stitched entity served by the API: body + relations + status + uid + etag, JSON. */
    final_body: string;
    /** Hash of `final_body`; also the entity's metadata.etag. */
    etag: string;
    /** Processing problems of the last attempt (JSON array of status items), or null. */
    errors: string | null;
    /** 1 when the entity's emitter no longer emits it (strategy `keep`). */
    orphan: number;
    created_at: number;
    updated_at: number;
  };

  /**
   * Relations in both directions. `originating_entity_id` is the entity whose spec produced the
   * row: re-processing it replaces exactly its rows.
   */
  catalog_relations: {
    originating_entity_id: string;
    source_ref: string;
    type: string;
    target_ref: string;
  };

  /**
   * The final entities flattened to lower-cased key/value rows (one per array item), so filters,
   * facets and ordering run in SQL. `original_value` keeps the case for facets and sorting.
   */
  catalog_search: {
    entity_id: string;
    key: string;
    value: string | null;
    original_value: string | null;
  };

  /** Locations: registered through the API (`source` = 'api') and from config ('config'). */
  catalog_locations: {
    id: string;
    type: string;
    target: string;
    source: 'api' | 'config';
    created_at: number;
    /** When to read it again; the refresh loop claims due locations with a lease. */
    next_refresh_at: number;
    lease_owner: string | null;
    lease_expires_at: number | null;
    /** Hash (or HTTP ETag) of what was read last time, to skip unchanged content. */
    content_hash: string | null;
    /** Why the last read failed, or null. */
    last_error: string | null;
    last_refreshed_at: number | null;
  };

  /**
   * Entities whose final body must be (re)built (migration 0002): written in the same
   * transaction as the change that calls for it (the entity changed, or a relation pointing at
   * it did), so a crash between a write and its stitch is repaired by the next stitch run.
   */
  catalog_stitch_queue: {
    entity_ref: string;
    /** 1 when the entity is new and was never stitched: its search rows and 'added' history are due. */
    fresh: number;
    queued_at: number;
  };

  /**
   * One row per file or URL read inside a location tree (migration 0002): which file led to it,
   * what it emitted last time, and its content hash, so an unchanged file is not parsed again
   * and a file that cannot be read orphans nothing.
   */
  catalog_sources: {
    /** The root: `<type>:<target>` of the registered or configured location, or `provider:<name>`. */
    origin_key: string;
    /** The file or URL, as entities name it in source_key: `location:file:/abs/path.yaml`. */
    source_key: string;
    /** The source whose Location entity led here; null for the root. */
    parent_key: string | null;
    content_hash: string | null;
    http_etag: string | null;
    /** 1 when the last read had no problems and no substitutions: unchanged content may be skipped. */
    reusable: Generated<number>;
    /** JSON array of the lower-cased refs it emitted last time. */
    emitted_refs: Generated<string>;
    /** JSON array of the locations (`{type, target}`) its Location entities pointed at. */
    children: Generated<string>;
    last_error: string | null;
    refreshed_at: number;
  };

  /** Every change of an entity's final body: who (which location), when, and what (a JSON diff). */
  catalog_history: {
    id: string;
    entity_ref: string;
    entity_id: string;
    change: 'added' | 'changed' | 'removed';
    /** The location or provider that caused it. */
    source_key: string | null;
    changed_at: number;
    /** JSON: a list of changes `{ op, path, from?, to? }` from the previous final body. */
    diff: string;
    etag: string | null;
  };
}
