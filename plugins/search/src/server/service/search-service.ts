import crypto from 'node:crypto';
import { createServiceRef } from '@portico/server';
import {
  DEFAULT_FACETS,
  MAX_COUNTED_RESULTS,
  type SearchFacetsResponse,
  type SearchIndexStatus,
  type SearchQuery,
  type SearchResultSet,
} from '../../common/index.js';
import type { SearchEngine } from '../engine/types.js';
import { decodePageCursor, encodePageCursor, MAX_OFFSET } from '../query/cursor.js';
import { parseTerm } from '../query/parse-term.js';
import { allOf, assertValidFilter, FIELD_NAME_PATTERN, type SearchFilter } from '../query/search-filter.js';
import { userFilter, validateSearchRequest, type RequestLimits } from '../query/search-request.js';
import { InputError } from '@portico/model';
import { presentHit } from './present-hit.js';

export interface SearchCallerOptions {
  /** Entity refs of the searcher and their groups (`group:default/payments`): their documents rank higher. */
  ownershipRefs?: readonly string[];
  /**
   * Only documents matching this are searched: the permission hook. It is compiled into the
   * engine's SQL with the user's filters, so pages stay full and counts honest.
   */
  preFilter?: SearchFilter;
}

export interface SearchFacetsQuery extends Omit<SearchQuery, 'pageCursor' | 'pageLimit'> {
  /** Which facets to count; `types` counts document types. Defaults to DEFAULT_FACETS. */
  facets?: string[];
}

/** What other plugins (home widgets, a chat bot) call to search, with the caller's rules. */
export interface SearchService {
  query(query: SearchQuery, options?: SearchCallerOptions): Promise<SearchResultSet>;
  facets(query: SearchFacetsQuery, options?: SearchCallerOptions): Promise<SearchFacetsResponse>;
  /** Starts full re-index runs (all collators, or one); resolves with the ids started. */
  reindex(collatorId?: string): Promise<string[]>;
  status(): Promise<SearchIndexStatus>;
}

export const searchServiceRef = createServiceRef<SearchService>({ id: 'search.service' });

export interface SearchServiceOptions {
  engine: SearchEngine;
  limits: RequestLimits;
  collatorIds: () => readonly string[];
  reindex: (collatorId?: string) => Promise<string[]>;
  status: () => Promise<SearchIndexStatus>;
  now?: () => number;
}

const MAX_FACETS = 10;
const FACET_VALUES = 20;

export function createSearchService(options: SearchServiceOptions): SearchService {
  const { engine, limits } = options;
  const now = options.now ?? Date.now;
  // Random per process, so no document text can contain (and forge) a highlight tag.
  const tag = crypto.randomBytes(4).toString('hex');
  const highlight = { preTag: `<hl-${tag}>`, postTag: `</hl-${tag}>` };

  const checkPreFilter = (filter: SearchFilter | undefined) => {
    if (filter) assertValidFilter(filter, 'preFilter');
    return filter;
  };

  return {
    async query(query, caller = {}) {
      const request = validateSearchRequest(query, limits, decodePageCursor);
      const term = parseTerm(request.term);
      const page = await engine.query({
        term,
        filter: allOf(userFilter(request), checkPreFilter(caller.preFilter)),
        collatorIds: options.collatorIds(),
        offset: request.offset,
        limit: request.limit,
        ownershipRefs: caller.ownershipRefs ?? [],
        now: now(),
        highlight,
      });
      const result: SearchResultSet = {
        results: page.hits.map((hit, index) => presentHit(hit, request.offset + index + 1, highlight)),
        numberOfResults: page.total,
      };
      const next = request.offset + request.limit;
      if (next < page.total && next <= MAX_OFFSET) result.nextPageCursor = encodePageCursor(next);
      if (request.offset > 0) result.previousPageCursor = encodePageCursor(Math.max(0, request.offset - request.limit));
      return result;
    },

    async facets(query, caller = {}) {
      const request = validateSearchRequest({ ...query }, limits, decodePageCursor);
      const facets = query.facets?.length ? [...new Set(query.facets)] : [...DEFAULT_FACETS];
      if (facets.length > MAX_FACETS) throw new InputError(`facets: at most ${MAX_FACETS}`);
      for (const facet of facets) {
        if (!FIELD_NAME_PATTERN.test(facet)) throw new InputError(`facets: '${facet}' is not a field name`);
      }
      const term = parseTerm(request.term);
      const access = checkPreFilter(caller.preFilter);
      const collatorIds = options.collatorIds();
      const [counts, total] = await Promise.all([
        engine.facets({
          term,
          collatorIds,
          limit: FACET_VALUES,
          // A facet ignores the user's filter on itself, so its other values stay pickable.
          facets: facets.map((field) => ({ field, filter: allOf(userFilter(request, { without: field }), access) })),
        }),
        engine.count({ term, filter: allOf(userFilter(request), access), collatorIds }),
      ]);
      return { facets: counts, numberOfResults: total, sampled: total >= MAX_COUNTED_RESULTS };
    },

    reindex: (collatorId) => options.reindex(collatorId),
    status: () => options.status(),
  };
}
