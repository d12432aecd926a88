import type { Element, Root } from 'hast';
import path from 'node:path';
import { isMarkdownFile, pagePathOf } from '../page-paths.js';
import { type DocsProblem } from '../problems.js';
import { normalizeInside } from '../safe-paths.js';
import { forEachElement } from './walk.js';

/** What links are resolved against: the pages and files of the site being built. */
export interface SiteIndex {
  /** Source path (relative to the docs folder) -> page path, e.g. `guide/setup.md` -> `guide/setup/`. */
  pagePathBySource: ReadonlyMap<string, string>;
  /** Page paths that exist, e.g. `guide/setup/`. */
  pagePaths: ReadonlySet<string>;
  /** Source paths of copied files, e.g. `img/arch.png`. */
  assets: ReadonlySet<string>;
}

export interface LinkContext {
  site: SiteIndex;
  /** Source path of the page being rendered, relative to the docs folder. */
  sourcePath: string;
  /** Site-relative URL prefix of pages, ending in `/`. */
  baseUrl: string;
  /** Site-relative URL prefix of copied files, ending in `/`. */
  assetBaseUrl: string;
  /** Maps a line of the parsed text back to the author's line. */
  lineOf(node: Element): number | undefined;
  report(problem: Omit<DocsProblem, 'file'> & { severity: 'error' | 'warning' }): void;
}

const hasScheme = /^[a-zA-Z][a-zA-Z\d+.-]*:/;
const imageDataUrl = /^data:image\/(?:png|jpeg|gif|webp|avif|bmp|x-icon|svg\+xml)[;,]/i;

/**
 * Rewrites relative links and image sources to portal URLs. A page's own URL is a folder
 * (`guide/setup/`), so a link written relative to its file (`../img/a.png` from `guide/setup.md`)
 * would resolve wrongly in the browser; links are resolved against the source file and made
 * absolute instead. A path that climbs out of the docs folder is an error. Runs after sanitizing,
 * so every remaining URL is already http(s), mailto, data (images only) or relative.
 */
export function rewriteLinks(tree: Root, context: LinkContext): void {
  forEachElement(tree, (node) => {
    if (node.tagName === 'a' && typeof node.properties.href === 'string') {
      const rewritten = resolveUrl(node.properties.href, 'link', node, context);
      if (rewritten === undefined) delete node.properties.href;
      else node.properties.href = rewritten;
    } else if (node.tagName === 'img' && typeof node.properties.src === 'string') {
      const src = node.properties.src;
      if (/^data:/i.test(src)) {
        if (!imageDataUrl.test(src)) delete node.properties.src;
        return;
      }
      const rewritten = resolveUrl(src, 'image', node, context);
      if (rewritten === undefined) delete node.properties.src;
      else node.properties.src = rewritten;
    }
  });
}

function resolveUrl(url: string, kind: 'link' | 'image', node: Element, context: LinkContext): string | undefined {
  if (url === '' || url.startsWith('#') || url.startsWith('/') || url.startsWith('\\') || hasScheme.test(url)) {
    // A `//host` or `\\host` URL is absolute; everything else here is same-page or already absolute.
    return url;
  }
  const hashAt = url.indexOf('#');
  const fragment = hashAt === -1 ? '' : url.slice(hashAt);
  const withoutFragment = hashAt === -1 ? url : url.slice(0, hashAt);
  const queryAt = withoutFragment.indexOf('?');
  const query = queryAt === -1 ? '' : withoutFragment.slice(queryAt);
  const written = queryAt === -1 ? withoutFragment : withoutFragment.slice(0, queryAt);
  const line = context.lineOf(node);
  let decoded: string;
  try {
    decoded = decodeURIComponent(written);
  } catch {
    context.report({ severity: 'warning', line, message: `${kind} '${url}' is not a valid URL` });
    return undefined;
  }
  if (decoded === '') return `${context.baseUrl}${encodePath(pagePathOf(context.sourcePath, true))}${query}${fragment}`;
  const target = normalizeInside(path.posix.dirname(context.sourcePath), decoded);
  if (target === undefined) {
    context.report({ severity: 'error', line, message: `${kind} '${url}' leaves the docs folder` });
    return undefined;
  }
  const { site } = context;
  if (kind === 'link') {
    if (isMarkdownFile(target)) {
      const pagePath = site.pagePathBySource.get(target);
      if (pagePath === undefined) context.report({ severity: 'warning', line, message: `link '${url}' points to '${target}', which is not a page of this site` });
      return `${context.baseUrl}${encodePath(pagePath ?? pagePathOf(target, false))}${query}${fragment}`;
    }
    const folderPage = target === '' ? '' : `${target}/`;
    if (site.pagePaths.has(folderPage)) return `${context.baseUrl}${encodePath(folderPage)}${query}${fragment}`;
  }
  if (!site.assets.has(target)) {
    context.report({ severity: 'warning', line, message: `${kind} '${url}' points to '${target}', which is not in the docs folder` });
  }
  return `${context.assetBaseUrl}${encodePath(target)}${query}${fragment}`;
}

function encodePath(sitePath: string): string {
  return sitePath.split('/').map(encodeURIComponent).join('/');
}
