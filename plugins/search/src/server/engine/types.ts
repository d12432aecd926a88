import type { FacetValueCount } from '../../common/index.js';
import type { ParsedTerm } from '../query/parse-term.js';
import type { SearchFilter } from '../query/search-filter.js';

export interface HighlightTags {
  preTag: string;
  postTag: string;
}

/** What every engine answers: the same query, the same ranking rules, the same page shape. */
export interface EngineQuery {
  term: ParsedTerm;
  /** Types, user filters and access rules, already combined. */
  filter: SearchFilter | undefined;
  /** The collators of this portal: documents of any other (an uninstalled plugin) stay hidden. */
  collatorIds: readonly string[];
  offset: number;
  limit: number;
  /** Lower-cased refs of the searcher and their groups; their documents rank higher. */
  ownershipRefs: readonly string[];
  /** For the recency boost; passed in so tests control time. */
  now: number;
  highlight: HighlightTags;
}

export interface EngineHit {
  type: string;
  title: string;
  text: string;
  location: string;
  fields: Record<string, unknown>;
  /** Title and text with matches wrapped in the highlight tags; absent for an empty term. */
  highlight?: { title: string; text: string };
}

export interface EnginePage {
  hits: EngineHit[];
  /** Every match, not just this page. */
  total: number;
}

export interface EngineFacetQuery {
  term: ParsedTerm;
  collatorIds: readonly string[];
  /** Per facet, the filter to count under (a facet ignores the user's filter on itself). */
  facets: ReadonlyArray<{ field: string; filter: SearchFilter | undefined }>;
  /** How many values to return per facet, most frequent first. */
  limit: number;
}

/**
 * A full-text engine over the search tables. The two built-in ones share tables, writes and
 * ranking rules; they differ in how they match and score. An external engine (OpenSearch) would
 * implement this and keep its own index in step with the same writes.
 */
export interface SearchEngine {
  readonly kind: 'sqlite-fts5' | 'postgres';
  /** Typo-tolerant matching is on (PostgreSQL with pg_trgm). */
  readonly fuzzy: boolean;
  query(query: EngineQuery): Promise<EnginePage>;
  count(query: Omit<EngineQuery, 'offset' | 'limit' | 'ownershipRefs' | 'highlight' | 'now'>): Promise<number>;
  facets(query: EngineFacetQuery): Promise<Record<string, FacetValueCount[]>>;
}

/** Ranking knobs shared by both engines (see README "Ranking"). */
export const RANKING = {
  /** bm25 / ts_rank_cd weights of name, title, keywords and text. */
  weights: { name: 10, title: 5, keywords: 2, text: 1 },
  /** Documents owned by the searcher or their groups score this many times higher. */
  ownedBoost: 1.5,
  /** A document edited just now scores up to this much higher, fading to nothing over `recencyWindowMs`. */
  recencyBoost: 0.1,
  recencyWindowMs: 90 * 24 * 60 * 60 * 1000,
} as const;
