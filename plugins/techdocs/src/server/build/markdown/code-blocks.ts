import rehypeShikiFromHighlighter from '@shikijs/rehype/core';
import type { Element, Root } from 'hast';
import { createHighlighter, type ShikiTransformer } from 'shiki';
import { visit } from 'unist-util-visit';

type Highlighter = Awaited<ReturnType<typeof createHighlighter>>;

export const codeThemes = { light: 'github-light', dark: 'github-dark' } as const;

let shared: Promise<Highlighter> | undefined;

/**
 * One highlighter per process: creating it loads the regex engine and themes (150-300 ms), and
 * grammars are loaded on first use and then kept, so later builds pay nothing.
 */
export function sharedHighlighter(): Promise<Highlighter> {
  shared ??= createHighlighter({ themes: [codeThemes.light, codeThemes.dark], langs: [] });
  return shared;
}

/** Marks every highlighted block for the reader's copy button and names its language. */
const copyButtonTransformer: ShikiTransformer = {
  name: 'portico-copy-button',
  pre(node) {
    node.properties['data-copy'] = '';
    node.properties['data-language'] = this.options.lang;
  },
};

/** The rehype transformer that colours `<pre><code class="language-x">` with light and dark themes. */
export function highlightCode(highlighter: Highlighter) {
  return rehypeShikiFromHighlighter(highlighter, {
    themes: codeThemes,
    lazy: true,
    defaultLanguage: 'text',
    fallbackLanguage: 'text',
    transformers: [copyButtonTransformer],
  });
}

/**
 * Mermaid blocks become `<pre class="mermaid">source</pre>` for the browser to draw, and are kept
 * away from the highlighter. The source stays text, so it is escaped like any other text.
 */
export function markMermaidBlocks(tree: Root): void {
  visit(tree, 'element', (node, index, parent) => {
    if (node.tagName !== 'pre' || !parent || index === undefined) return;
    const code = node.children.find((child): child is Element => child.type === 'element' && child.tagName === 'code');
    const className = code?.properties.className;
    if (!code || !Array.isArray(className) || !className.includes('language-mermaid')) return;
    const source = code.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
    parent.children[index] = {
      type: 'element',
      tagName: 'pre',
      properties: { className: ['mermaid'] },
      children: [{ type: 'text', value: source }],
    };
  });
}
