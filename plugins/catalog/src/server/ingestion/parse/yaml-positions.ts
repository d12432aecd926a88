import type { FieldPath, SourcePosition } from '@portico/model';
import { isNode, LineCounter, parseAllDocuments, type Document } from 'yaml';

/**
 * Finds where fields sit in a YAML file, for messages. The file is parsed with `yaml` (which
 * keeps source ranges) only when a message needs a position, and once per file.
 */
export class YamlPositions {
  private parsed: { documents: Document[]; lineCounter: LineCounter } | null | undefined;

  constructor(private readonly text: string) {}

  /**
   * The line and column of `path` in document `index`, or of the nearest enclosing field that
   * exists. `expectName` picks the right document if the two parsers ever count differently.
   */
  locate(index: number, path: FieldPath, expectName?: string): SourcePosition | undefined {
    const parsed = this.parse();
    if (!parsed) return undefined;
    let document = parsed.documents[index];
    if (expectName !== undefined && document && document.getIn(['metadata', 'name']) !== expectName) {
      document = parsed.documents.find((candidate) => candidate.getIn(['metadata', 'name']) === expectName) ?? document;
    }
    if (!document) return undefined;
    for (let length = path.length; length >= 0; length--) {
      const node = length === 0 ? document.contents : document.getIn(path.slice(0, length), true);
      if (isNode(node) && node.range) {
        const { line, col } = parsed.lineCounter.linePos(node.range[0]);
        return { line, column: col };
      }
    }
    return undefined;
  }

  private parse(): { documents: Document[]; lineCounter: LineCounter } | null {
    if (this.parsed !== undefined) return this.parsed;
    try {
      const lineCounter = new LineCounter();
      const documents = parseAllDocuments(this.text, { lineCounter, logLevel: 'error' });
      this.parsed = Array.isArray(documents) ? { documents, lineCounter } : null;
    } catch {
      this.parsed = null;
    }
    return this.parsed;
  }
}
