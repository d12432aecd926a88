import type { DocsSection, TocEntry } from './metadata.js';

/** Nests a page's headings into a table of contents: each heading under the nearest shallower one. */
export function buildToc(sections: readonly DocsSection[]): TocEntry[] {
  const root: TocEntry[] = [];
  const open: TocEntry[] = [];
  for (const section of sections) {
    if (section.depth < 1) continue;
    const entry: TocEntry = { id: section.id, title: section.title, depth: section.depth, children: [] };
    while (open.length > 0 && (open[open.length - 1] as TocEntry).depth >= entry.depth) open.pop();
    const parent = open[open.length - 1];
    if (parent) parent.children.push(entry);
    else root.push(entry);
    open.push(entry);
  }
  return root;
}
