export { buildDocsSite, type BuildDocsSiteOptions, type DocsBuildResult } from './build/build-site.js';
export { readDocsConfig, type DocsConfig, type NavSpecEntry } from './build/mkdocs-config.js';
export { createPageRenderer, type PageInput, type PageRenderer, type PageRendererOptions, type RenderedPage } from './build/markdown/render-page.js';
export { type SiteIndex } from './build/markdown/links.js';
export { docsInputError, type DocsProblem, ProblemList } from './build/problems.js';
