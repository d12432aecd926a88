export type { DocsNavItem, DocsPageMetadata, DocsSection, TechDocsMetadata, TocEntry } from './metadata.js';
export { buildToc } from './toc.js';
