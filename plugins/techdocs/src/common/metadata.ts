/**
 * The shape of `techdocs_metadata.json`, written beside every built docs site. The snake_case
 * fields are Backstage's (its reader and `techdocs-cli` read them); the camelCase ones are
 * Portico's additions for navigation and search.
 */
export interface TechDocsMetadata {
  site_name: string;
  site_description?: string;
  /** A content hash of every source file and setting that shaped the site; changes when the site would. */
  etag: string;
  /** Milliseconds since the epoch, as Backstage writes it. */
  build_timestamp: number;
  /** Every file of the built site, relative to its root, e.g. `guide/setup/index.html`. */
  files: string[];
  /** Source files that were read, relative to the docs source folder. */
  sourceFiles: string[];
  repoUrl?: string;
  nav: DocsNavItem[];
  pages: DocsPageMetadata[];
}

/** An entry of the left-hand navigation, in the order the author gave (or file order). */
export type DocsNavItem =
  | { type: 'page'; title: string; path: string }
  | { type: 'link'; title: string; url: string }
  | { type: 'section'; title: string; children: DocsNavItem[] };

export interface DocsPageMetadata {
  /** Page path relative to the site root, ending in `/` (`` for the home page). */
  path: string;
  title: string;
  /** Source file relative to the docs source folder, e.g. `docs/guide/setup.md`. */
  sourceFile: string;
  /** Link to edit the source, from `repo_url` and `edit_uri`, when the site has them. */
  editUrl?: string;
  /** One entry per section, for search: a hit opens the page at `#id`. */
  sections: DocsSection[];
}

/** A heading and the text up to the next heading. The text before the first heading has id ``. */
export interface DocsSection {
  id: string;
  title: string;
  /** 1 to 6 for headings, 0 for the text before the first heading. */
  depth: number;
  text: string;
}

/** A page's table of contents, nested by heading level. */
export interface TocEntry {
  id: string;
  title: string;
  depth: number;
  children: TocEntry[];
}
