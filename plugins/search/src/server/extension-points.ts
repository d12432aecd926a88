import type { SearchFieldValue } from '../common/index.js';
import { createExtensionPoint, type Duration, type PluginLogger } from '@portico/server';
import type { FastifyRequest } from 'fastify';
import type { SearchFilter } from './query/search-filter.js';

/** A document as a collator hands it to the index. */
export interface SearchDocumentInput {
  /** `software-catalog`, `techdocs`, `software-template`, or a plugin's own type. */
  type: string;
  /** Unique among the collator's documents of this type, e.g. an entity ref or `ref#page#section`. */
  key: string;
  /**
   * The item the document belongs to (an entity ref for catalog and docs documents): an
   * incremental refresh replaces every document of an item at once. Defaults to `key`.
   */
  itemKey?: string;
  title: string;
  text: string;
  /** Where a result opens, as a path in the portal: `/catalog/default/component/checkout`. */
  location: string;
  /** The identifier people type exactly (an entity's metadata.name); ranks first on an exact match. */
  name?: string;
  /**
   * Typed fields for filters, facets and result renderers: `kind`, `type`, `owner`,
   * `lifecycle`, `tags`, `namespace`, plus any of the type's own. Returned in the result's
   * document; compared case-insensitively by filters.
   */
  fields?: Record<string, SearchFieldValue | undefined>;
  /** Words that describe the document without being in its text (tags, kind, owner); matched with a low weight. */
  keywords?: readonly string[];
  /** Lower-cased entity ref of the owner (`group:default/payments`): the searcher's own things rank higher. */
  ownerRef?: string;
  /** When the content last changed (epoch ms): recent edits rank slightly higher. */
  updatedAt?: number;
}

export interface CollateContext {
  signal: AbortSignal;
  logger: PluginLogger;
}

/** How a collator reports changed items so that only their documents are rebuilt. */
export interface SearchIndexConnection {
  /** Queues the items for `refresh`; returns once they are queued (in the database). */
  invalidate(itemKeys: readonly string[]): Promise<void>;
}

/**
 * A source of search documents. Every collator's documents are rebuilt in full on its schedule
 * (and on `POST /api/search/reindex`) into a new generation that replaces the old one at once,
 * so searches never see a half-built index. A collator that also implements `connect` and
 * `refresh` keeps its documents current between full builds.
 */
export interface SearchCollator {
  /** Unique among collators, e.g. `software-catalog`; names the collator's share of the index. */
  id: string;
  /** The document types it produces. */
  types: readonly string[];
  /** How often to rebuild in full; `search.reindexFrequency` when left out. */
  frequency?: Duration;
  /** Every document, in batches of any size. Stop early when the signal aborts. */
  collate(context: CollateContext): AsyncIterable<readonly SearchDocumentInput[]>;
  /**
   * The current documents of the given items. An item missing from the answer (or mapped to an
   * empty list) has its documents removed.
   */
  refresh?(itemKeys: readonly string[]): Promise<ReadonlyMap<string, readonly SearchDocumentInput[]>>;
  /**
   * Called while the search plugin is set up: subscribe to changes and report them on the
   * connection. Reports are queued at once; refreshing starts once the portal is serving.
   */
  connect?(connection: SearchIndexConnection): void | Promise<void>;
}

/** Contribute a collator from another plugin: `context.extend(searchCollatorsExtensionPoint, collator)`. */
export const searchCollatorsExtensionPoint = createExtensionPoint<SearchCollator>({
  id: 'search.collators',
  pluginId: 'search',
});

/** What an access policy decides for one request. */
export interface SearchAccess {
  /** Only documents matching this are searched (ANDed with every other policy's filter). */
  filter?: SearchFilter;
  /** Entity refs of the caller and their groups: documents they own rank higher. */
  ownershipRefs?: string[];
}

/**
 * The permission hook: decides, per request, what the caller may find. The permissions plugin
 * contributes one that turns the caller's catalog read conditions into a filter; the filter is
 * compiled into the query, so pages stay full and counts honest.
 */
export interface SearchAccessPolicy {
  resolve(request: FastifyRequest): Promise<SearchAccess>;
}

export const searchAccessExtensionPoint = createExtensionPoint<SearchAccessPolicy>({
  id: 'search.access',
  pluginId: 'search',
});
