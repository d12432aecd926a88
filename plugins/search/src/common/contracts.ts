/**
 * The shapes of the search REST API, as the web and scripts see them. `GET /api/search/query`
 * answers exactly Backstage's result set, so Backstage's search client works unchanged.
 */

/** The document types Portico's own collators produce. Plugins add their own. */
export const SOFTWARE_CATALOG_TYPE = 'software-catalog';
export const SOFTWARE_TEMPLATE_TYPE = 'software-template';
export const TECHDOCS_TYPE = 'techdocs';

export const DEFAULT_PAGE_LIMIT = 25;
export const MAX_PAGE_LIMIT = 100;
/** Backstage's `search.maxTermLength` default. */
export const DEFAULT_MAX_TERM_LENGTH = 100;

/** A field value of a document: what filters and facets compare (case-insensitively). */
export type SearchFieldValue = string | number | boolean | Array<string | number | boolean>;

/**
 * A document as results carry it: title, text and location (a path in the portal), plus the
 * typed fields of its type (`kind`, `type`, `owner`, `lifecycle`, `tags`, `namespace`, ...).
 */
export interface SearchDocument {
  title: string;
  text: string;
  location: string;
  [field: string]: SearchFieldValue | undefined;
}

/**
 * Matched words in `fields` are wrapped in `preTag` ... `postTag`. The text is not HTML: split
 * on the tags and render the parts as text; never inject it as markup.
 */
export interface SearchResultHighlight {
  preTag: string;
  postTag: string;
  fields: Record<string, string>;
}

export interface SearchResult {
  type: string;
  document: SearchDocument;
  highlight?: SearchResultHighlight;
  /** 1-based position across all pages. */
  rank?: number;
}

export interface SearchResultSet {
  results: SearchResult[];
  nextPageCursor?: string;
  previousPageCursor?: string;
  numberOfResults?: number;
}

/** What `GET /api/search/query` takes (before query-string encoding). */
export interface SearchQuery {
  term: string;
  types?: string[];
  filters?: Record<string, string | string[]>;
  pageCursor?: string;
  pageLimit?: number;
}

export interface FacetValueCount {
  value: string;
  count: number;
}

/** Counting stops at this many matches; `numberOfResults` of 1,000 means "1,000 or more". */
export const MAX_COUNTED_RESULTS = 1000;

/** `GET /api/search/facets`: counts per field value among everything the term matches. */
export interface SearchFacetsResponse {
  facets: Record<string, FacetValueCount[]>;
  numberOfResults: number;
  /** The term matched more than MAX_COUNTED_RESULTS documents: counts cover the first 1,000 of them. */
  sampled: boolean;
}

/** The facet counting document types (the `types[]` tabs); every other facet is a document field. */
export const TYPES_FACET = 'types';

/** The facets the web filters show, in order. */
export const DEFAULT_FACETS = [TYPES_FACET, 'kind', 'type', 'owner', 'lifecycle', 'tags'] as const;

/** `POST /api/search/reindex` answers with the collators it started. */
export interface ReindexResponse {
  collators: string[];
}

/** `GET /api/search/status`: how fresh each collator's share of the index is. */
export interface SearchIndexStatus {
  engine: 'sqlite-fts5' | 'postgres';
  fuzzyMatching: boolean;
  collators: Array<{
    id: string;
    types: string[];
    documents: number;
    lastBuiltAt?: string;
    building: boolean;
    lastError?: string;
  }>;
}
