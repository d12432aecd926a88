import type { DocsSection } from '../../../common/index.js';
import type { Element, Nodes, Root } from 'hast';
import { toString } from 'hast-util-to-string';

const headingTag = /^h([1-6])$/;

/**
 * Splits a page into sections at its headings, for the table of contents and for search (one
 * search document per section). Runs before permalinks are added, so heading text has no `¶`.
 * Mermaid sources are left out of the text: they are diagram code, not prose.
 */
export function collectSections(tree: Root): DocsSection[] {
  const sections: DocsSection[] = [{ id: '', title: '', depth: 0, text: '' }];
  const chunks: string[][] = [[]];
  const walk = (node: Nodes): void => {
    if (node.type === 'text') {
      (chunks[chunks.length - 1] as string[]).push(node.value);
      return;
    }
    if (node.type !== 'element' && node.type !== 'root') return;
    if (node.type === 'element') {
      const depth = headingTag.exec(node.tagName)?.[1];
      // The footnotes' "Footnotes" heading is for screen readers; its notes stay in the section.
      if (depth !== undefined && isScreenReaderOnly(node)) return;
      if (depth !== undefined) {
        const id = typeof node.properties.id === 'string' ? node.properties.id : '';
        sections.push({ id, title: normalizeSpace(toString(node)), depth: Number(depth), text: '' });
        chunks.push([]);
        return;
      }
      if (isMermaid(node)) return;
    }
    for (const child of node.children) walk(child);
  };
  walk(tree);
  sections.forEach((section, index) => {
    section.text = normalizeSpace((chunks[index] as string[]).join(' '));
  });
  return sections[0]?.text === '' ? sections.slice(1) : sections;
}

export function isScreenReaderOnly(node: Element): boolean {
  const className = node.properties.className;
  return Array.isArray(className) && className.includes('sr-only');
}

function isMermaid(node: Element): boolean {
  const className = node.properties.className;
  return node.tagName === 'pre' && Array.isArray(className) && className.includes('mermaid');
}

function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
