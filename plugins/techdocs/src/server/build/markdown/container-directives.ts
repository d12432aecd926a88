import type { BlockContent, DefinitionContent, Paragraph, Root } from 'mdast';
import { type ContainerDirective, directiveFromMarkdown } from 'mdast-util-directive';
import { directive } from 'micromark-extension-directive';
import type { Construct, Extension } from 'micromark-util-types';
import type { Processor } from 'unified';
import { SKIP, visit } from 'unist-util-visit';

const colon = 58;

/**
 * Container directives (`:::name{...}` blocks) and nothing else. The text form of
 * remark-directive turns ordinary prose such as `10:30` or `Note:This` into directives, so only
 * the container construct of the micromark extension is registered (the only concrete one: like
 * fenced code, a container holds lines that other constructs must not interrupt).
 */
export function remarkContainerDirectives(this: Processor): void {
  const flow = directive().flow?.[colon];
  const constructs = (Array.isArray(flow) ? flow : flow ? [flow] : []) as Construct[];
  const containersOnly: Extension = { flow: { [colon]: constructs.filter((construct) => construct.concrete === true) } };
  const data = this.data();
  (data.micromarkExtensions ??= []).push(containersOnly);
  (data.fromMarkdownExtensions ??= []).push(directiveFromMarkdown());
}

/**
 * Gives the directives written by the MkDocs pre-pass their HTML shape (MkDocs Material's class
 * names, so existing docs CSS habits carry over):
 *
 * - admonition: `<div class="admonition note"><p class="admonition-title">Title</p>...</div>`,
 *   or `<details class="admonition note" [open]><summary>Title</summary>...</details>` when collapsible;
 * - tabs: `<div class="tabbed-set">` holding `<div class="tabbed-block" data-tab-label="...">`.
 *
 * Any other container directive was typed by the author, not the pre-pass: its opening line is
 * put back as text and its content kept, so nothing written disappears.
 */
export function remarkMkdocsBlocks() {
  return (tree: Root, file: { value: unknown }) => {
    const source = typeof file.value === 'string' ? file.value : String(file.value);
    visit(tree, 'containerDirective', (node, index, parent) => {
      const attributes = node.attributes ?? {};
      if (node.name === 'admonition') {
        shapeAdmonition(node, attributes);
      } else if (node.name === 'tabs') {
        node.data = { hName: 'div', hProperties: { className: ['tabbed-set'] } };
      } else if (node.name === 'tab') {
        node.data = {
          hName: 'div',
          hProperties: {
            className: ['tabbed-block'],
            dataTabLabel: attributes.label ?? '',
            ...(attributes.selected === 'true' ? { dataTabSelected: '' } : {}),
          },
        };
      } else if (parent && index !== undefined) {
        parent.children.splice(index, 1, literalOpening(node, source), ...node.children);
        return [SKIP, index + 1];
      }
      return undefined;
    });
  };
}

function shapeAdmonition(node: ContainerDirective, attributes: Record<string, string | null | undefined>): void {
  const kinds = (attributes.kind ?? 'note').split(' ').filter((kind) => kind !== '');
  const collapse = attributes.collapse;
  const title = attributes.title ?? defaultTitle(kinds[0] ?? 'note');
  const className = ['admonition', ...kinds];
  if (collapse === 'open' || collapse === 'closed') {
    node.data = { hName: 'details', hProperties: { className, ...(collapse === 'open' ? { open: true } : {}) } };
    node.children.unshift(titleParagraph(title === '' ? defaultTitle(kinds[0] ?? 'note') : title, 'summary', []));
  } else {
    node.data = { hName: 'div', hProperties: { className } };
    if (title !== '') node.children.unshift(titleParagraph(title, 'p', ['admonition-title']));
  }
}

function titleParagraph(title: string, tagName: string, className: string[]): Paragraph {
  return {
    type: 'paragraph',
    children: [{ type: 'text', value: title }],
    data: { hName: tagName, hProperties: className.length > 0 ? { className } : {} },
  };
}

/** MkDocs capitalises the type: `note` -> `Note`. */
function defaultTitle(kind: string): string {
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}

function literalOpening(node: ContainerDirective, source: string): BlockContent | DefinitionContent {
  const start = node.position?.start.offset;
  const lineEnd = start === undefined ? -1 : source.indexOf('\n', start);
  const text = start === undefined ? `:::${node.name}` : source.slice(start, lineEnd === -1 ? undefined : lineEnd);
  return { type: 'paragraph', children: [{ type: 'text', value: text.trim() }] };
}
