import { parseFragment, serialize, type DefaultTreeAdapterTypes } from 'parse5';

export interface FoundElement {
  tag: string;
  namespace: string;
  attributes: Record<string, string>;
}

/** Every element a browser would build from `html` (parse5 follows the HTML parsing spec). */
export function elementsOf(html: string): FoundElement[] {
  const found: FoundElement[] = [];
  const walk = (node: DefaultTreeAdapterTypes.ParentNode): void => {
    for (const child of node.childNodes) {
      if ('tagName' in child) {
        found.push({
          tag: child.tagName,
          namespace: child.namespaceURI,
          attributes: Object.fromEntries(child.attrs.map((attribute) => [attribute.name, attribute.value])),
        });
        if (child.tagName === 'template') walk((child as DefaultTreeAdapterTypes.Template).content);
        walk(child);
      }
    }
  };
  walk(parseFragment(html));
  return found;
}

/** What the browser's DOM becomes after an innerHTML round trip: mutation XSS shows up here. */
export function reparsed(html: string): string {
  return serialize(parseFragment(serialize(parseFragment(html))));
}

const dangerousTags = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'style', 'link', 'meta', 'base',
  'form', 'input', 'textarea', 'select', 'template', 'foreignobject', 'use', 'animate', 'set',
  'image', 'math', 'noscript', 'xmp', 'portal',
]);
const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'srcset', 'poster', 'background', 'data', 'cite', 'longdesc', 'ping']);

/**
 * Why `html` is not inert, or [] when it is. Checked on the elements a browser would build, and
 * again after an innerHTML round trip. Task-list checkboxes (disabled) are the only inputs allowed.
 */
export function unsafeParts(html: string): string[] {
  const reasons: string[] = [];
  for (const source of [html, reparsed(html)]) {
    for (const element of elementsOf(source)) {
      const isTaskCheckbox = element.tag === 'input' && element.attributes.type === 'checkbox' && 'disabled' in element.attributes;
      if (dangerousTags.has(element.tag.toLowerCase()) && !isTaskCheckbox) reasons.push(`<${element.tag}> element`);
      for (const [name, value] of Object.entries(element.attributes)) {
        if (/^on/i.test(name)) reasons.push(`${name} handler on <${element.tag}>`);
        if (name === 'style' && !isHighlighterStyle(element, value)) reasons.push(`style attribute on <${element.tag}>`);
        if (name === 'http-equiv') reasons.push('http-equiv attribute');
        if (urlAttributes.has(name.toLowerCase())) {
          // Browsers drop ASCII whitespace and control characters when reading a URL scheme.
          const squashed = [...value].filter((char) => char.charCodeAt(0) > 0x20 && char.charCodeAt(0) !== 0x7f).join('').toLowerCase();
          const scheme = /^([a-z][a-z0-9+.-]*):/.exec(squashed)?.[1];
          const imageData = element.tag === 'img' && name === 'src' && /^data:image\//.test(squashed);
          if (scheme !== undefined && !['http', 'https', 'mailto'].includes(scheme) && !imageData) {
            reasons.push(`${scheme}: URL in ${name} of <${element.tag}>`);
          }
          if (name === 'srcset') reasons.push('srcset attribute');
        }
      }
    }
  }
  return reasons;
}

/** The syntax highlighter's own colours (added after sanitizing): plain colour declarations only. */
function isHighlighterStyle(element: FoundElement, style: string): boolean {
  if (element.tag !== 'span' && element.tag !== 'pre') return false;
  return style
    .split(';')
    .filter((declaration) => declaration.trim() !== '')
    .every((declaration) => /^(color|background-color|--shiki-[a-z-]+):#[0-9a-fA-F]{3,8}$/.test(declaration.trim()) || /^(--shiki-[a-z-]+|font-style|font-weight|text-decoration):[a-z ]+$/.test(declaration.trim()));
}
