import type { ComponentType, ReactNode } from 'react';

/**
 * A code-split React component: a function returning the module whose default export is the
 * component, e.g. `() => import('./CatalogPage.js')`. Extensions are lazy so that a plugin's
 * pages and cards cost nothing until they are shown.
 */
export type LazyComponent<TProps extends object = Record<string, never>> = () => Promise<{
  default: ComponentType<TProps>;
}>;

/** An icon component, e.g. one from `@mui/icons-material`. */
export type NavIcon = ComponentType<{ fontSize?: 'small' | 'medium' | 'large' | 'inherit' }>;

/**
 * The fields of a catalog entity the shell relies on. The catalog plugin publishes the full
 * entity type; every entity of that type is also an `EntityLike`.
 */
export interface EntityLike {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    title?: string;
    description?: string;
    uid?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    tags?: string[];
  };
  spec?: Record<string, unknown>;
}

/** A page at a URL path. */
export interface RouteExtension {
  /** Absolute path, TanStack Router syntax: `/catalog`, `/catalog/$namespace/$kind/$name`. */
  path: string;
  /** Shown in the browser tab as `<title> · <app title>`. */
  title?: string;
  page: LazyComponent;
}

/**
 * The sidebar sections the shell knows, in the order it shows them. A section appears only when
 * a plugin provides a nav item for it.
 */
export const NAV_SECTIONS = [
  'catalog',
  'apis',
  'docs',
  'create',
  'explore',
  'tech-radar',
  'scorecards',
  'search',
  'settings',
] as const;
export type NavSection = (typeof NAV_SECTIONS)[number];

/** A sidebar link. */
export interface NavItem {
  label: string;
  /** The path the link goes to; it is highlighted while the current path is at or below it. */
  to: string;
  icon?: NavIcon;
  /**
   * Which fixed sidebar section this item fills. Items without one follow the sections, in
   * plugin order; `settings` always sits at the bottom.
   */
  section?: NavSection;
}

/** Props every entity tab and card receives. */
export interface EntityExtensionProps<TEntity extends EntityLike = EntityLike> {
  entity: TEntity;
}

/**
 * A component that renders one entity. Written with method syntax on purpose: TypeScript then
 * compares its parameter both ways, so a tab typed for the catalog's full entity can be mounted
 * by a shell that only knows `EntityLike`. That the entity page passes the narrower type is the
 * plugin's promise, which the compiler cannot check across separately built plugins.
 */
export type EntityComponent<TEntity extends EntityLike = EntityLike> = {
  render(props: EntityExtensionProps<TEntity>): ReactNode;
}['render'];

/** A code-split entity component, e.g. `() => import('./EntityDocsTab.js')`. */
export type LazyEntityComponent<TEntity extends EntityLike = EntityLike> = () => Promise<{
  default: EntityComponent<TEntity>;
}>;

/** A tab on the entity page. */
export interface EntityTab<TEntity extends EntityLike = EntityLike> {
  /** Unique among tabs; also the tab's URL segment, e.g. `docs` -> `.../docs`. */
  id: string;
  title: string;
  /** Lower comes first; the catalog's own overview tab is 0. Default 100. */
  order?: number;
  /** Shows the tab only for some entities, e.g. `(entity) => entity.kind === 'Component'`. */
  if?(entity: TEntity): boolean;
  page: LazyEntityComponent<TEntity>;
}

/** How much of the page width a card or widget takes on a wide screen. */
export type ExtensionSize = 'small' | 'medium' | 'large' | 'full';

/** A card on the entity overview tab. */
export interface EntityCard<TEntity extends EntityLike = EntityLike> {
  /** Unique among cards. */
  id: string;
  title?: string;
  size?: ExtensionSize;
  order?: number;
  /** Shows the card only for some entities. */
  if?(entity: TEntity): boolean;
  card: LazyEntityComponent<TEntity>;
}

/** A widget on the home page; the shell draws its frame and title. */
export interface HomeWidget {
  /** Unique among widgets. */
  id: string;
  title: string;
  size?: ExtensionSize;
  order?: number;
  widget: LazyComponent;
}

/** One hit from the search API, in Backstage's result shape. */
export interface SearchResultLike {
  /** The document type, e.g. `software-catalog` or `techdocs`. */
  type: string;
  document: {
    title: string;
    text: string;
    location: string;
    [field: string]: unknown;
  };
  highlight?: {
    preTag: string;
    postTag: string;
    fields: Record<string, string>;
  };
  rank?: number;
}

/** Props a search result renderer receives. */
export interface SearchResultProps {
  result: SearchResultLike;
}

/** Renders the search results of one document type. */
export interface SearchResultExtension {
  /** Names the document type in the search page's type filter, e.g. "Software Catalog". */
  label: string;
  icon?: NavIcon;
  result: LazyComponent<SearchResultProps>;
}

/** Search result renderers keyed by the document type they render. */
export type SearchResultExtensions = Readonly<Record<string, SearchResultExtension>>;
