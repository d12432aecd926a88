import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { DocsNavItem, DocsPageMetadata, TechDocsMetadata } from '../../common/metadata.js';
import { scanDocsFolder, type ScanLimits } from './docs-files.js';
import { editUrlBase, editUrlOf, isHttpUrl } from './edit-url.js';
import { type RenderedPage } from './markdown/render-page.js';
import { readDocsConfig } from './mkdocs-config.js';
import { defaultNav, resolveNav } from './nav.js';
import { type DocsProblem, docsInputError, ProblemList } from './problems.js';
import { openRenderSession, workerThreadsAvailable } from './render-pool.js';
import { isInside } from './safe-paths.js';
import { mapWithConcurrency, realpathOfMaybeMissing, replaceFolder } from './site-output.js';

export interface BuildDocsSiteOptions {
  /** The folder holding mkdocs.yml (or just a `docs/` folder). */
  sourceDir: string;
  /** Where the site is written; replaced as a whole when the build succeeds. */
  outDir: string;
  /** URL prefix of the site's pages, e.g. `/docs/default/component/api/`. */
  baseUrl: string;
  /** URL prefix of copied files such as images (defaults to `baseUrl`), e.g. the static files route. */
  assetBaseUrl?: string;
  /** Site name when there is no mkdocs.yml or it has no `site_name`; defaults to the folder name. */
  siteName?: string;
  /**
   * Worker threads that render pages. By default a site of 100 pages or more uses one per core
   * (at most 4) and a smaller one renders in this thread, where start-up costs less than it saves.
   * Workers need the compiled package; from TypeScript sources rendering stays in this thread.
   */
  workers?: number;
  limits?: Partial<ScanLimits>;
  /** Build log lines, e.g. for a reader waiting on a build. */
  log?: (line: string) => void;
  /** The build time to record; tests pin it. */
  now?: () => Date;
}

export interface DocsBuildResult {
  metadata: TechDocsMetadata;
  warnings: DocsProblem[];
}

const defaultLimits: ScanLimits = { maxFiles: 20_000, maxPageBytes: 5 * 1024 * 1024, maxAssetBytes: 50 * 1024 * 1024 };
/** Bumped when the same sources would build to different output, so old etags stop matching. */
const engineVersion = 'portico-techdocs-1';

/**
 * Builds a docs folder into `outDir`: one HTML fragment per page at `<page path>/index.html`,
 * the docs folder's images and files beside them, and `techdocs_metadata.json` (Backstage's static
 * layout). Any bad input fails the whole build with every problem listed; the previous site in
 * `outDir` is only replaced once the new one is complete.
 */
export async function buildDocsSite(options: BuildDocsSiteOptions): Promise<DocsBuildResult> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const problems = new ProblemList();
  const limits = { ...defaultLimits, ...options.limits };
  const sourceDir = path.resolve(options.sourceDir);
  const outDir = path.resolve(options.outDir);

  const config = await readDocsConfig(sourceDir, problems, { siteName: options.siteName ?? path.basename(sourceDir) });
  problems.throwIfAny();
  if (config === undefined) throw new Error('unreachable: config problems are thrown above');
  await assertOutDirIsSafe(sourceDir, config.docsDirReal, outDir);

  const files = await scanDocsFolder(config.docsDirReal, config.docsDir, limits, problems);
  problems.throwIfAny();
  log(`Building ${files.pages.length} pages and ${files.assets.length} files from ${config.docsDir}/`);

  const workers = workerThreadsAvailable() ? (options.workers ?? (files.pages.length >= 100 ? Math.min(availableParallelism(), 4) : 0)) : 0;
  const session = await openRenderSession(
    {
      site: {
        pagePathBySource: new Map(files.pages.map((page) => [page.sourcePath, page.pagePath])),
        pagePaths: new Set(files.pages.map((page) => page.pagePath)),
        assets: new Set(files.assets.map((asset) => asset.sourcePath)),
      },
      baseUrl: options.baseUrl,
      ...(options.assetBaseUrl === undefined ? {} : { assetBaseUrl: options.assetBaseUrl }),
    },
    workers,
  );
  const sources = new Array<string>(files.pages.length);
  let rendered: RenderedPage[];
  try {
    // Enough pages in flight to keep every worker busy while files are read.
    rendered = await mapWithConcurrency(files.pages, Math.max(4, workers * 3), async (page, index) => {
      const markdown = await readFile(page.realPath, 'utf8');
      sources[index] = markdown;
      return session.render({ markdown, sourcePath: page.sourcePath, file: `${config.docsDir}/${page.sourcePath}` });
    });
  } finally {
    await session.close();
  }
  rendered.forEach((page) => {
    page.errors.forEach((problem) => problems.error(problem));
    page.warnings.forEach((problem) => problems.warn(problem));
  });

  const navPages = files.pages.map((page, index) => ({ ...page, title: (rendered[index] as RenderedPage).title }));
  const nav: DocsNavItem[] = config.nav
    ? resolveNav(config.nav, navPages, config.configFile ?? 'mkdocs.yml', problems)
    : defaultNav(navPages);
  problems.throwIfAny();

  const hash = createHash('sha256').update(engineVersion).update(`\0${options.baseUrl}\0${options.assetBaseUrl ?? ''}\0`);
  hash.update(JSON.stringify(config, (key, value: unknown) => (key === 'docsDirReal' ? undefined : value)));
  files.pages.forEach((page, index) => hash.update(`\0page\0${page.sourcePath}\0`).update(sources[index] as string));

  const editBase = editUrlBase(config.repoUrl, config.editUri);
  if (config.repoUrl !== undefined && !isHttpUrl(config.repoUrl)) {
    problems.warn({ file: config.configFile ?? 'mkdocs.yml', message: `repo_url '${config.repoUrl}' is not an http(s) URL; no edit links` });
  }
  const pages: DocsPageMetadata[] = files.pages.map((page, index) => {
    const result = rendered[index] as RenderedPage;
    const editUrl = editUrlOf(editBase, page.sourcePath);
    return {
      path: page.pagePath,
      title: result.title,
      sourceFile: `${config.docsDir}/${page.sourcePath}`,
      ...(editUrl === undefined ? {} : { editUrl }),
      sections: result.sections,
    };
  });

  const staging = `${outDir}.building-${randomBytes(6).toString('hex')}`;
  try {
    await mkdir(staging, { recursive: true });
    const written: string[] = [];
    for (const [index, page] of files.pages.entries()) {
      const target = path.join(staging, page.pagePath, 'index.html');
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, (rendered[index] as RenderedPage).html);
      written.push(`${page.pagePath}index.html`);
    }
    for (const asset of files.assets) {
      const content = await readFile(asset.realPath);
      hash.update(`\0asset\0${asset.sourcePath}\0`).update(content);
      const target = path.join(staging, asset.sourcePath);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
      written.push(asset.sourcePath);
    }
    const metadata: TechDocsMetadata = {
      site_name: config.siteName,
      ...(config.siteDescription === undefined ? {} : { site_description: config.siteDescription }),
      etag: hash.digest('hex'),
      build_timestamp: (options.now?.() ?? new Date()).getTime(),
      files: written.sort(),
      sourceFiles: [
        ...(config.configFile === undefined ? [] : [config.configFile]),
        ...[...files.pages, ...files.assets].map((file) => `${config.docsDir}/${file.sourcePath}`).sort(),
      ],
      ...(config.repoUrl !== undefined && isHttpUrl(config.repoUrl) ? { repoUrl: config.repoUrl } : {}),
      nav,
      pages,
    };
    await writeFile(path.join(staging, 'techdocs_metadata.json'), `${JSON.stringify(metadata, null, 2)}\n`);
    await replaceFolder(staging, outDir);
    problems.warnings.forEach((warning) => log(`warning: ${warning.file}${warning.line === undefined ? '' : `:${warning.line}`}: ${warning.message}`));
    log(`Built ${pages.length} pages in ${Date.now() - started} ms`);
    return { metadata, warnings: problems.warnings };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** The output may not hold the sources: replacing it would delete them, and a rebuild would read its own output. */
async function assertOutDirIsSafe(sourceDir: string, docsDirReal: string, outDir: string): Promise<void> {
  const sourceReal = await realpath(sourceDir);
  const outReal = await realpathOfMaybeMissing(outDir);
  if (isInside(outReal, sourceReal) || isInside(docsDirReal, outReal)) {
    throw docsInputError([
      { file: '.', message: `the output folder '${outDir}' may not contain the docs source folder or lie inside the docs folder` },
    ]);
  }
}
