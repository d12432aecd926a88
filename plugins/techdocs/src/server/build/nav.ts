import type { DocsNavItem } from '../../common/metadata.js';
import { type NavSpecEntry } from './mkdocs-config.js';
import { titleFromName } from './page-paths.js';
import { type ProblemList } from './problems.js';
import { normalizeInside } from './safe-paths.js';

export interface NavPage {
  sourcePath: string;
  pagePath: string;
  title: string;
}

const linkScheme = /^(https?|mailto):/i;
const anyScheme = /^[a-zA-Z][a-zA-Z\d+.-]*:/;

/**
 * Matches the `nav` written in mkdocs.yml against the pages found. Entries are paths relative to
 * the docs folder or external links; a path that leaves the folder, or a link with another scheme
 * (`javascript:`), is an error; a path to a missing page is a warning and the entry is dropped.
 */
export function resolveNav(
  spec: readonly NavSpecEntry[],
  pages: readonly NavPage[],
  configFile: string,
  problems: ProblemList,
): DocsNavItem[] {
  const bySource = new Map(pages.map((page) => [page.sourcePath, page]));
  const resolve = (entries: readonly NavSpecEntry[]): DocsNavItem[] => {
    const items: DocsNavItem[] = [];
    for (const entry of entries) {
      const at = { file: configFile, ...(entry.line === undefined ? {} : { line: entry.line }) };
      if (entry.kind === 'section') {
        const children = resolve(entry.children);
        if (children.length > 0) items.push({ type: 'section', title: entry.title, children });
        continue;
      }
      const target = entry.target.trim();
      if (linkScheme.test(target)) {
        items.push({ type: 'link', title: entry.title ?? target, url: target });
        continue;
      }
      if (anyScheme.test(target)) {
        problems.error({ ...at, message: `nav entry '${target}' has a URL scheme that is not allowed (only http, https and mailto)` });
        continue;
      }
      const sourcePath = normalizeInside('', target);
      if (sourcePath === undefined) {
        problems.error({ ...at, message: `nav entry '${target}' leaves the docs folder` });
        continue;
      }
      const page = bySource.get(sourcePath);
      if (page === undefined) {
        problems.warn({ ...at, message: `nav entry '${target}' is not a page of the docs folder; left out` });
        continue;
      }
      items.push({ type: 'page', title: entry.title ?? page.title, path: page.pagePath });
    }
    return items;
  };
  return resolve(spec);
}

interface Folder {
  index?: NavPage;
  files: NavPage[];
  folders: Map<string, Folder>;
}

/**
 * The navigation when mkdocs.yml has none, in MkDocs' order: in each folder its index page first,
 * then its other pages by name, then its sub-folders by name as sections.
 */
export function defaultNav(pages: readonly NavPage[]): DocsNavItem[] {
  const root: Folder = { files: [], folders: new Map() };
  for (const page of pages) {
    const parts = page.sourcePath.split('/');
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      let child = folder.folders.get(part);
      if (!child) {
        child = { files: [], folders: new Map() };
        folder.folders.set(part, child);
      }
      folder = child;
    }
    // An index (or a README standing in for one) is published at its folder's own path.
    const folderPath = parts.length > 1 ? `${parts.slice(0, -1).join('/')}/` : '';
    if (page.pagePath === folderPath) {
      folder.index = page;
    } else {
      folder.files.push(page);
    }
  }
  const toItems = (folder: Folder): DocsNavItem[] => [
    ...(folder.index ? [pageItem(folder.index)] : []),
    ...[...folder.files].sort(byName).map(pageItem),
    ...[...folder.folders.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, child]): DocsNavItem => ({ type: 'section', title: titleFromName(name), children: toItems(child) })),
  ];
  return toItems(root);
}

function pageItem(page: NavPage): DocsNavItem {
  return { type: 'page', title: page.title, path: page.pagePath };
}

function byName(a: NavPage, b: NavPage): number {
  return a.sourcePath < b.sourcePath ? -1 : a.sourcePath > b.sourcePath ? 1 : 0;
}
