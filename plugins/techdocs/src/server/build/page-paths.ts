import path from 'node:path';

const markdownExtensions = new Set(['.md', '.markdown']);

export function isMarkdownFile(sourcePath: string): boolean {
  return markdownExtensions.has(path.posix.extname(sourcePath).toLowerCase());
}

export function isIndexName(name: string): boolean {
  return /^index\.(md|markdown)$/i.test(name);
}

export function isReadmeName(name: string): boolean {
  return /^readme\.(md|markdown)$/i.test(name);
}

/**
 * The URL path of a page relative to the site root, with MkDocs' directory URLs:
 * `index.md` -> ``, `guide.md` -> `guide/`, `guide/index.md` -> `guide/`, `a/b.md` -> `a/b/`.
 * A README stands in for a folder's index when there is no index (as in MkDocs).
 */
export function pagePathOf(sourcePath: string, readmeIsIndex: boolean): string {
  const dir = path.posix.dirname(sourcePath);
  const name = path.posix.basename(sourcePath);
  const folder = dir === '.' ? '' : `${dir}/`;
  if (isIndexName(name) || (readmeIsIndex && isReadmeName(name))) return folder;
  return `${folder}${name.slice(0, name.length - path.posix.extname(name).length)}/`;
}

/** The title of a page that has no front matter title and no H1, from where it lives (as MkDocs does). */
export function titleFromSourcePath(sourcePath: string): string {
  const parts = sourcePath.split('/');
  const name = parts[parts.length - 1] ?? sourcePath;
  if (!isIndexName(name) && !isReadmeName(name)) return titleFromName(name);
  const folder = parts[parts.length - 2];
  return folder === undefined ? 'Home' : titleFromName(folder);
}

/** A readable title from a file or folder name when the page has no title of its own. */
export function titleFromName(name: string): string {
  const base = name.replace(/\.(md|markdown)$/i, '');
  const spaced = base.replace(/[-_]+/g, ' ').trim();
  if (spaced === '') return base;
  return spaced === spaced.toLowerCase() ? spaced.charAt(0).toUpperCase() + spaced.slice(1) : spaced;
}
