/**
 * The catalog page's state, all of it in the URL so a view can be shared and bookmarked:
 * `/catalog?kind=component&owner=group:default/billing,group:default/pricing&tag=python&q=pay&sort=owner&dir=desc&page=2&size=50&starred=true`.
 * Lists are comma-separated (Backstage's filter syntax cannot carry a comma in a value either).
 */
export interface CatalogSearch {
  /** Lower-cased kind. */
  kind: string;
  type: string[];
  /** Owner refs, `group:default/billing`. */
  owner: string[];
  lifecycle: string[];
  tag: string[];
  namespace: string[];
  /** The text filter. */
  q: string;
  starred: boolean;
  /** A sortable column id (see columns.tsx); undefined: by name. */
  sort: string | undefined;
  dir: 'asc' | 'desc';
  /** 1-based. */
  page: number;
  size: number;
}

export const FACET_PARAMS = ['type', 'owner', 'lifecycle', 'tag', 'namespace'] as const;
export type FacetParam = (typeof FACET_PARAMS)[number];

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;
export const DEFAULT_KIND = 'component';

/** URL search values as the router hands them over (parsed JSON where it looked like JSON). */
export type RawSearch = Readonly<Record<string, unknown>>;

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function list(value: unknown): string[] {
  const items = Array.isArray(value) ? value.map(text) : (text(value) ?? '').split(',');
  return [...new Set(items.map((item) => item?.trim() ?? '').filter((item) => item !== ''))];
}

function positiveInt(value: unknown, fallback: number): number {
  const number = typeof value === 'number' ? value : Number.parseInt(text(value) ?? '', 10);
  return Number.isInteger(number) && number > 0 ? number : fallback;
}

export function parseCatalogSearch(raw: RawSearch): CatalogSearch {
  const size = positiveInt(raw.size, DEFAULT_PAGE_SIZE);
  const sort = text(raw.sort)?.trim();
  return {
    kind: (text(raw.kind)?.trim() || DEFAULT_KIND).toLocaleLowerCase('en-US'),
    type: list(raw.type),
    owner: list(raw.owner),
    lifecycle: list(raw.lifecycle),
    tag: list(raw.tag),
    namespace: list(raw.namespace),
    q: text(raw.q) ?? '',
    starred: raw.starred === true || text(raw.starred) === 'true',
    sort: sort ? sort : undefined,
    dir: text(raw.dir) === 'desc' ? 'desc' : 'asc',
    page: positiveInt(raw.page, 1),
    size: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
}

/** The URL search object for a state: defaults left out, lists joined. */
export function catalogSearchParams(state: CatalogSearch): Record<string, string | number | boolean | undefined> {
  const joined = (values: string[]) => (values.length > 0 ? values.join(',') : undefined);
  return {
    kind: state.kind,
    type: joined(state.type),
    owner: joined(state.owner),
    lifecycle: joined(state.lifecycle),
    tag: joined(state.tag),
    namespace: joined(state.namespace),
    q: state.q.trim() === '' ? undefined : state.q,
    starred: state.starred ? true : undefined,
    sort: state.sort,
    dir: state.sort !== undefined && state.dir === 'desc' ? 'desc' : undefined,
    page: state.page > 1 ? state.page : undefined,
    size: state.size === DEFAULT_PAGE_SIZE ? undefined : state.size,
  };
}

/** True when any filter narrows the list (the kind does not count). */
export function hasFilters(state: CatalogSearch): boolean {
  return state.starred || state.q.trim() !== '' || FACET_PARAMS.some((param) => state[param].length > 0);
}

/** The state with every filter cleared, keeping kind, sort and page size. */
export function clearedFilters(state: CatalogSearch): CatalogSearch {
  return { ...state, type: [], owner: [], lifecycle: [], tag: [], namespace: [], q: '', starred: false, page: 1 };
}
