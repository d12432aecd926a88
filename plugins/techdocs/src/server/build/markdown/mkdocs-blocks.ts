/**
 * Rewrites MkDocs block syntax that no maintained unified plugin reads into remark-directive
 * containers, before the Markdown parser sees the text:
 *
 *   !!! note "Title"        ->  :::admonition{kind="note" title="Title"}
 *   ??? warning / ???+ tip  ->  the same with collapse="closed" / collapse="open"
 *   === "Tab"               ->  ::::tabs + :::tab{label="Tab"}   (consecutive tabs form one set)
 *
 * A block's body is the following lines indented four more spaces than its marker (blank lines
 * included); it is dedented and rewritten recursively, so blocks nest. Fenced code is passed
 * through untouched. Every output line remembers the source line it came from, so problems found
 * later still name the author's line.
 */

export interface SourceLine {
  text: string;
  /** 1-based line number in the original file. */
  origin: number;
}

export interface RewrittenMarkdown {
  text: string;
  /** `lineOrigins[n - 1]` is the original line of output line n. */
  lineOrigins: number[];
}

// As in Python-Markdown, the space after `!!!` is optional and the title runs to the last quote.
const admonitionMarker = /^([ \t]*)(!!!|\?\?\?\+?)[ \t]?([\w-]+(?:[ \t]+[\w-]+)*)(?:[ \t]+"(.*)")?[ \t]*$/;
const tabMarker = /^([ \t]*)===([+!]?)[ \t]+"(.*)"[ \t]*$/;
const fenceOpen = /^[ \t]*(`{3,}|~{3,})/;

export function rewriteMkdocsBlocks(markdown: string, firstLine = 1): RewrittenMarkdown {
  const lines = markdown.split(/\r?\n/).map((text, index) => ({ text, origin: index + firstLine }));
  const out = rewriteLevel(lines).lines;
  return { text: out.map((line) => line.text).join('\n'), lineOrigins: out.map((line) => line.origin) };
}

interface Rewritten {
  lines: SourceLine[];
  /** The longest directive fence used, so an enclosing block can use a longer one. */
  fence: number;
}

function rewriteLevel(lines: readonly SourceLine[]): Rewritten {
  const out: SourceLine[] = [];
  let fence = 0;
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] as SourceLine;
    const code = fenceOpen.exec(line.text);
    if (code) {
      const end = closingFence(lines, index, code[1] as string);
      out.push(...lines.slice(index, end));
      index = end;
      continue;
    }
    const admonition = admonitionMarker.exec(line.text);
    if (admonition) {
      const indent = admonition[1] as string;
      const { body, next } = blockBody(lines, index + 1, width(indent));
      const inner = rewriteLevel(body);
      const colons = Math.max(3, inner.fence + 1);
      const kind = (admonition[3] as string).toLowerCase().split(/[ \t]+/).join(' ');
      const marker = admonition[2] as string;
      const attributes = [
        `kind="${escapeAttribute(kind)}"`,
        ...(admonition[4] === undefined ? [] : [`title="${escapeAttribute(admonition[4])}"`]),
        ...(marker === '???' ? ['collapse="closed"'] : marker === '???+' ? ['collapse="open"'] : []),
      ];
      out.push({ text: `${indent}${':'.repeat(colons)}admonition{${attributes.join(' ')}}`, origin: line.origin });
      out.push(...indentLines(inner.lines, indent));
      out.push({ text: `${indent}${':'.repeat(colons)}`, origin: lastOrigin(body, line) });
      fence = Math.max(fence, colons);
      index = next;
      continue;
    }
    const tab = tabMarker.exec(line.text);
    if (tab) {
      const { lines: set, fence: setFence, next } = tabSet(lines, index);
      out.push(...set);
      fence = Math.max(fence, setFence);
      index = next;
      continue;
    }
    out.push(line);
    index += 1;
  }
  return { lines: out, fence };
}

/** Consecutive `===` blocks at one indentation become one tab set; `===!` starts a new set. */
function tabSet(lines: readonly SourceLine[], start: number): Rewritten & { next: number } {
  const first = tabMarker.exec((lines[start] as SourceLine).text) as RegExpExecArray;
  const indent = first[1] as string;
  const tabs: { label: string; selected: boolean; header: SourceLine; body: Rewritten; bodyLines: SourceLine[] }[] = [];
  let index = start;
  while (index < lines.length) {
    const header = lines[index] as SourceLine;
    const match = tabMarker.exec(header.text);
    if (!match || match[1] !== indent || (tabs.length > 0 && match[2] === '!')) break;
    const { body, next } = blockBody(lines, index + 1, width(indent));
    tabs.push({ label: match[3] as string, selected: match[2] === '+', header, body: rewriteLevel(body), bodyLines: body });
    index = next;
    // Blank lines between two tabs of the same set do not end the set.
    let peek = index;
    while (peek < lines.length && (lines[peek] as SourceLine).text.trim() === '') peek += 1;
    if (peek < lines.length && tabMarker.exec((lines[peek] as SourceLine).text)?.[1] === indent) index = peek;
  }
  const colons = Math.max(3, ...tabs.map((tab) => tab.body.fence + 1));
  const out: SourceLine[] = [{ text: `${indent}${':'.repeat(colons + 1)}tabs`, origin: (lines[start] as SourceLine).origin }];
  for (const tab of tabs) {
    const attributes = [`label="${escapeAttribute(tab.label)}"`, ...(tab.selected ? ['selected="true"'] : [])];
    out.push({ text: `${indent}${':'.repeat(colons)}tab{${attributes.join(' ')}}`, origin: tab.header.origin });
    out.push(...indentLines(tab.body.lines, indent));
    out.push({ text: `${indent}${':'.repeat(colons)}`, origin: lastOrigin(tab.bodyLines, tab.header) });
  }
  out.push({ text: `${indent}${':'.repeat(colons + 1)}`, origin: (out[out.length - 1] as SourceLine).origin });
  return { lines: out, fence: colons + 1, next: index };
}

/** The indented body after a block marker, dedented, without its trailing blank lines. */
function blockBody(lines: readonly SourceLine[], start: number, markerWidth: number): { body: SourceLine[]; next: number } {
  let end = start;
  let lastContent = start;
  while (end < lines.length) {
    const text = (lines[end] as SourceLine).text;
    if (text.trim() === '') {
      end += 1;
      continue;
    }
    if (width(leadingWhitespace(text)) < markerWidth + 4) break;
    end += 1;
    lastContent = end;
  }
  const body = lines.slice(start, lastContent).map((line) => ({
    text: line.text.trim() === '' ? '' : dedent(line.text, markerWidth + 4),
    origin: line.origin,
  }));
  return { body, next: lastContent };
}

function closingFence(lines: readonly SourceLine[], start: number, open: string): number {
  const closing = new RegExp(`^[ \\t]*${open[0] === '`' ? '`' : '~'}{${open.length},}[ \\t]*$`);
  for (let index = start + 1; index < lines.length; index += 1) {
    if (closing.test((lines[index] as SourceLine).text)) return index + 1;
  }
  return lines.length;
}

function indentLines(lines: readonly SourceLine[], indent: string): SourceLine[] {
  return lines.map((line) => ({ text: line.text === '' ? '' : `${indent}${line.text}`, origin: line.origin }));
}

function lastOrigin(body: readonly SourceLine[], fallback: SourceLine): number {
  return body.length > 0 ? (body[body.length - 1] as SourceLine).origin : fallback.origin;
}

function leadingWhitespace(text: string): string {
  return /^[ \t]*/.exec(text)?.[0] ?? '';
}

/** Column width of leading whitespace, tabs stopping at multiples of four as in CommonMark. */
function width(whitespace: string): number {
  let columns = 0;
  for (const char of whitespace) columns = char === '\t' ? columns + 4 - (columns % 4) : columns + 1;
  return columns;
}

function dedent(text: string, columns: number): string {
  const leading = leadingWhitespace(text);
  const expanded = ' '.repeat(width(leading));
  return expanded.slice(columns) + text.slice(leading.length);
}

/** Directive attribute values decode character references, so these two are enough. */
function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}
