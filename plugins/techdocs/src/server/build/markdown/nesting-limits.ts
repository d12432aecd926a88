/**
 * Cheap checks on the raw text that stop a page from costing minutes or the stack before the
 * parser sees it. Thousands of nested lists or quotes made the Markdown parser hang (quadratic in
 * the nesting) or overflow the stack; no real page nests anywhere near these limits.
 */
export const maxIndentColumns = 160;
export const maxQuoteDepth = 32;

export interface NestingProblem {
  line: number;
  message: string;
}

export function checkNesting(markdown: string, firstLine = 1): NestingProblem | undefined {
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const text = lines[index] as string;
    let columns = 0;
    let quotes = 0;
    for (const char of text) {
      if (char === ' ') columns += 1;
      else if (char === '\t') columns += 4 - (columns % 4);
      else if (char === '>') quotes += 1;
      else break;
    }
    if (columns > maxIndentColumns) {
      return { line: index + firstLine, message: `is indented more than ${maxIndentColumns} columns (nested too deeply to render)` };
    }
    if (quotes > maxQuoteDepth) {
      return { line: index + firstLine, message: `nests more than ${maxQuoteDepth} block quotes (too deeply to render)` };
    }
  }
  return undefined;
}
