import rehypeShikiFromHighlighter from '@shikijs/rehype/core';
import type { Element, Root } from 'hast';
import { type BundledLanguage, bundledLanguages, createHighlighter, isSpecialLang, type ShikiTransformer } from 'shiki';
import { forEachElement } from './walk.js';

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

let languageQueue: Promise<unknown> = Promise.resolve();
const languageLoads = new Map<string, Promise<unknown>>();

/**
 * Loads the grammars a page needs before it is highlighted, through one queue, so pages rendered
 * together never load the same grammar twice; highlighting itself then runs synchronously with
 * every grammar in place (no lazy loading in the middle of a page).
 */
export async function loadLanguages(highlighter: Highlighter, languages: Iterable<string>): Promise<void> {
  const waits: Promise<unknown>[] = [];
  for (const language of languages) {
    if (isSpecialLang(language) || !Object.hasOwn(bundledLanguages, language)) continue;
    let load = languageLoads.get(language);
    if (!load) {
      load = languageQueue = languageQueue.then(() => highlighter.loadLanguage(language as BundledLanguage)).catch(() => undefined);
      languageLoads.set(language, load);
    }
    waits.push(load);
  }
  await Promise.all(waits);
}

/** The languages named by `<pre><code class="language-x">` blocks, as the highlighter reads them. */
export function codeLanguages(tree: Root): Set<string> {
  const languages = new Set<string>();
  forEachElement(tree, (node) => {
    const code = node.tagName === 'pre' ? node.children[0] : undefined;
    if (code?.type !== 'element' || code.tagName !== 'code' || !Array.isArray(code.properties.className)) return;
    const language = code.properties.className.find((name) => typeof name === 'string' && name.startsWith('language-'));
    if (typeof language === 'string') languages.add(language.slice('language-'.length));
  });
  return languages;
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
    defaultLanguage: 'text',
    fallbackLanguage: 'text',
    // Shiki stops colouring a line after 500 ms by default. A grammar's first use compiles its
    // regexes, which on a loaded machine can take that long, and the line then came out in plain
    // colours: output must not depend on load. Very long lines (minified code) are left plain
    // instead, which bounds the work deterministically; the time limit stays only as a backstop.
    tokenizeMaxLineLength: 5_000,
    tokenizeTimeLimit: 30_000,
    transformers: [copyButtonTransformer],
  });
}

/**
 * Mermaid blocks become `<pre class="mermaid">source</pre>` for the browser to draw, and are kept
 * away from the highlighter. The source stays text, so it is escaped like any other text.
 */
export function markMermaidBlocks(tree: Root): void {
  forEachElement(tree, (node, index, parent) => {
    if (node.tagName !== 'pre') return;
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
