import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isIndexName, isMarkdownFile, isReadmeName, pagePathOf } from './page-paths.js';
import { type ProblemList } from './problems.js';
import { isInside } from './safe-paths.js';

/** A Markdown file of the docs folder and where its page lives in the built site. */
export interface SourcePage {
  /** Relative to the docs folder, POSIX separators, e.g. `guide/setup.md`. */
  sourcePath: string;
  /** Relative to the site root, e.g. `guide/setup/`; `` for the home page. */
  pagePath: string;
  realPath: string;
}

/** A non-Markdown file copied into the site as is, e.g. an image. */
export interface SourceAsset {
  sourcePath: string;
  realPath: string;
}

export interface DocsFiles {
  pages: SourcePage[];
  assets: SourceAsset[];
}

export interface ScanLimits {
  maxFiles: number;
  maxPageBytes: number;
  maxAssetBytes: number;
}

/**
 * Files copied next to the pages. An allowlist, because whatever is copied is later served from
 * the portal: raw `.html` or `.js` written by a docs author must never reach a reader unsanitized.
 */
const assetExtensions = new Set([
  '.png', '.jpg', '.jpeg', '.gif', '.webp', '.avif', '.svg', '.ico', '.bmp',
  '.pdf', '.txt', '.csv', '.json', '.yaml', '.yml', '.zip',
]);

/** Reserved by the build's own output. */
const reservedOutputs = new Set(['techdocs_metadata.json']);

/**
 * Lists the pages and assets of a docs folder in a stable order. Every entry is checked after
 * symlinks are resolved: a link that leads outside the docs folder is an error, not a skip, so the
 * author learns why a page is missing.
 */
export async function scanDocsFolder(
  docsDirReal: string,
  docsDirLabel: string,
  limits: ScanLimits,
  problems: ProblemList,
): Promise<DocsFiles> {
  const pages: { sourcePath: string; realPath: string }[] = [];
  const assets: SourceAsset[] = [];
  const visitedDirs = new Set<string>([docsDirReal]);
  let count = 0;

  const walk = async (dirReal: string, relativeDir: string): Promise<void> => {
    const entries = (await readdir(dirReal)).sort();
    for (const name of entries) {
      if (name.startsWith('.')) continue;
      const sourcePath = relativeDir === '' ? name : `${relativeDir}/${name}`;
      const file = `${docsDirLabel}/${sourcePath}`;
      const lexical = path.join(dirReal, name);
      let real = lexical;
      if ((await lstat(lexical)).isSymbolicLink()) {
        const target = await realpath(lexical).catch(() => undefined);
        if (target === undefined) {
          problems.warn({ file, message: 'is a dangling symlink; skipped' });
          continue;
        }
        if (!isInside(docsDirReal, target)) {
          problems.error({ file, message: 'is a symlink to a path outside the docs folder' });
          continue;
        }
        real = target;
      }
      const info = await stat(real);
      if (info.isDirectory()) {
        if (visitedDirs.has(real)) continue;
        visitedDirs.add(real);
        await walk(real, sourcePath);
        continue;
      }
      if (!info.isFile()) continue;
      if (++count > limits.maxFiles) {
        problems.error({ file: docsDirLabel, message: `has more than ${limits.maxFiles} files` });
        return;
      }
      if (isMarkdownFile(name)) {
        if (info.size > limits.maxPageBytes) {
          problems.error({ file, message: `is larger than ${limits.maxPageBytes} bytes` });
        } else {
          pages.push({ sourcePath, realPath: real });
        }
      } else if (relativeDir === '' && reservedOutputs.has(name)) {
        problems.warn({ file, message: 'has the name of the build\'s own metadata file; skipped' });
      } else if (assetExtensions.has(path.extname(name).toLowerCase())) {
        if (info.size > limits.maxAssetBytes) problems.error({ file, message: `is larger than ${limits.maxAssetBytes} bytes` });
        else assets.push({ sourcePath, realPath: real });
      }
    }
  };
  await walk(docsDirReal, '');
  return { pages: assignPagePaths(pages, docsDirLabel, problems), assets };
}

function assignPagePaths(
  files: readonly { sourcePath: string; realPath: string }[],
  docsDirLabel: string,
  problems: ProblemList,
): SourcePage[] {
  const dirsWithIndex = new Set(
    files.filter((file) => isIndexName(path.posix.basename(file.sourcePath))).map((file) => path.posix.dirname(file.sourcePath)),
  );
  const byPagePath = new Map<string, SourcePage>();
  for (const file of files) {
    const name = path.posix.basename(file.sourcePath);
    const dir = path.posix.dirname(file.sourcePath);
    if (isReadmeName(name) && dirsWithIndex.has(dir)) {
      problems.warn({ file: `${docsDirLabel}/${file.sourcePath}`, message: 'skipped: the folder also has an index page' });
      continue;
    }
    const page: SourcePage = { ...file, pagePath: pagePathOf(file.sourcePath, true) };
    const clash = byPagePath.get(page.pagePath);
    if (clash) {
      problems.error({
        file: `${docsDirLabel}/${file.sourcePath}`,
        message: `would be published at '${page.pagePath}', which '${docsDirLabel}/${clash.sourcePath}' already uses`,
      });
      continue;
    }
    byPagePath.set(page.pagePath, page);
  }
  return [...byPagePath.values()].sort((a, b) => compare(a.sourcePath, b.sourcePath));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
