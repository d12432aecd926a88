import type { Element, Root } from 'hast';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import rehypeSlug from 'rehype-slug';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { type Processor, type Transformer, unified } from 'unified';
import type { VFile } from 'vfile';
import { buildToc } from '../../../common/toc.js';
import type { DocsSection, TocEntry } from '../../../common/metadata.js';
import { titleFromSourcePath } from '../page-paths.js';
import { type DocsProblem } from '../problems.js';
import { codeLanguages, highlightCode, loadLanguages, markMermaidBlocks, sharedHighlighter } from './code-blocks.js';
import { remarkContainerDirectives, remarkMkdocsBlocks } from './container-directives.js';
import { splitFrontMatter } from './front-matter.js';
import { rewriteLinks, type SiteIndex } from './links.js';
import { rewriteMkdocsBlocks } from './mkdocs-blocks.js';
import { checkNesting } from './nesting-limits.js';
import { docsSanitizeSchema } from './sanitize-schema.js';
import { collectSections, isScreenReaderOnly } from './sections.js';
import { addTabButtons } from './tabbed-sets.js';
import { containsNodeOfType } from './walk.js';

export interface PageRendererOptions {
  site: SiteIndex;
  /** URL prefix of pages, e.g. `/docs/default/component/api/`. */
  baseUrl: string;
  /** URL prefix of copied files such as images; defaults to `baseUrl`. */
  assetBaseUrl?: string;
}

export interface PageInput {
  markdown: string;
  /** Relative to the docs folder, e.g. `guide/setup.md`. */
  sourcePath: string;
  /** How problems name the file, e.g. `docs/guide/setup.md`. */
  file: string;
}

export interface RenderedPage {
  /** The sanitized HTML fragment of the page body. */
  html: string;
  title: string;
  sections: DocsSection[];
  toc: TocEntry[];
  errors: DocsProblem[];
  warnings: DocsProblem[];
}

export type PageRenderer = (page: PageInput) => Promise<RenderedPage>;

/**
 * Builds the Markdown pipeline once for a site: parse (CommonMark, GFM, MkDocs blocks), raw HTML,
 * sanitize, heading ids; then trusted decoration: links, tabs, permalinks and code colours.
 * Sanitizing comes before highlighting so the highlighter's inline styles survive and nothing
 * authored can pose as highlighter output.
 */
export async function createPageRenderer(options: PageRendererOptions): Promise<PageRenderer> {
  const highlighter = await sharedHighlighter();
  const baseUrl = withTrailingSlash(options.baseUrl);
  const assetBaseUrl = withTrailingSlash(options.assetBaseUrl ?? options.baseUrl);
  const toSafeTree = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkContainerDirectives)
    .use(remarkMkdocsBlocks)
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeRawWhenNeeded)
    .use(rehypeSanitize, docsSanitizeSchema)
    .use(rehypeSlug)
    .freeze();
  const decorate = unified()
    .use(rehypeAutolinkHeadings, {
      behavior: 'append',
      test: (element: Element) => !isScreenReaderOnly(element),
      properties: { className: ['headerlink'], ariaLabel: 'Permanent link' },
      content: { type: 'text', value: '¶' },
    })
    .use(() => highlightCode(highlighter))
    .use(rehypeStringify)
    .freeze();

  return async ({ markdown, sourcePath, file }) => {
    const errors: DocsProblem[] = [];
    const warnings: DocsProblem[] = [];
    const unrendered = (problem: Omit<DocsProblem, 'file'>): RenderedPage => {
      errors.push({ file, ...problem });
      return { html: '', title: titleFromSourcePath(sourcePath), sections: [], toc: [], errors, warnings };
    };
    const frontMatter = splitFrontMatter(markdown, file);
    errors.push(...frontMatter.problems);
    const tooDeep = checkNesting(frontMatter.body);
    if (tooDeep) return unrendered(tooDeep);
    const rewritten = rewriteMkdocsBlocks(frontMatter.body);

    const renderTree = async (): Promise<RenderedPage> => {
      const tree = (await toSafeTree.run(toSafeTree.parse(rewritten.text), rewritten.text)) as Root;
      markMermaidBlocks(tree);
      rewriteLinks(tree, {
        site: options.site,
        sourcePath,
        baseUrl,
        assetBaseUrl,
        lineOf: (node) => {
          const line = node.position?.start.line;
          return line === undefined ? undefined : rewritten.lineOrigins[line - 1];
        },
        report: ({ severity, ...problem }) => (severity === 'error' ? errors : warnings).push({ file, ...problem }),
      });
      addTabButtons(tree);
      const sections = collectSections(tree);
      const title = frontMatter.title ?? sections.find((section) => section.depth === 1)?.title ?? titleFromSourcePath(sourcePath);

      await loadLanguages(highlighter, codeLanguages(tree));
      const decorated = (await decorate.run(tree)) as Root;
      return { html: decorate.stringify(decorated), title, sections, toc: buildToc(sections), errors, warnings };
    };
    try {
      return await renderTree();
    } catch (error) {
      // Deeply nested raw HTML can still exhaust the stack in one of the tree walks.
      if (!(error instanceof RangeError)) throw error;
      return unrendered({ message: `could not be rendered: it is nested too deeply (${error.message})` });
    }
  };
}

/**
 * Raw HTML is re-parsed by running the whole page through an HTML parser, which costs about a
 * third of a page's render time; most pages have none, so they skip it.
 */
function rehypeRawWhenNeeded(this: Processor): Transformer<Root, Root> {
  const reparse = rehypeRaw.call(this) as (tree: Root, file: VFile) => Root;
  // Two parameters on purpose: unified treats a transformer that declares `next` as callback-style.
  return (tree, file) => (containsNodeOfType(tree, 'raw') ? reparse(tree, file) : tree);
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}
