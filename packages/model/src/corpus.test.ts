/**
 * Feeds every document of the real-world corpus (catalog files from public repositories, with
 * Backstage 1.10.3's verdict for each document) through Portico's validation and checks that
 * Portico accepts exactly what Backstage accepts, and rejects the rest for the same reason.
 *
 * Mode: placeholders are NOT resolved (the corpus's main `valid` verdict). The parse step here
 * mirrors the catalog backend's: yaml's parseAllDocuments (warnings silenced, verdicts unchanged), a YAML error rejects its document,
 * an empty document is skipped, a non-object root is rejected.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LineCounter, isNode, parseAllDocuments, type Document } from 'yaml';
import {
  attachSourcePositions,
  formatFieldPath,
  formatProblem,
  validateEntity,
  type FieldPath,
  type SourcePosition,
  type ValidationProblem,
} from './index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const corpusDir = resolve(repoRoot, '../shared/corpus/real-world');

interface ExpectedDocument {
  index: number;
  kind: string | null;
  name: string | null;
  empty?: boolean;
  valid?: boolean;
  stage?: 'yaml' | 'envelope' | 'policy' | 'kind';
  error?: string;
}
interface ExpectedFile {
  file: string;
  documents: ExpectedDocument[];
}

type Verdict =
  | { empty: true }
  | { empty?: false; valid: true; kind: string; name: string; namespace: string }
  | { empty?: false; valid: false; problems: ValidationProblem[] };

function locator(document: Document, lineCounter: LineCounter) {
  return (path: FieldPath): SourcePosition | undefined => {
    const node = path.length === 0 ? document.contents : document.getIn(path, true);
    if (!isNode(node) || !node.range) return undefined;
    const { line, col } = lineCounter.linePos(node.range[0]);
    return { line, column: col };
  };
}

/** Parses a file as the catalog does, then validates each document. */
function judgeFile(file: string, text: string): Verdict[] {
  const lineCounter = new LineCounter();
  return parseAllDocuments(text, { lineCounter, logLevel: 'error' }).map((document): Verdict => {
    const [yamlError] = document.errors;
    if (yamlError) {
      const [start] = yamlError.linePos ?? [];
      return {
        valid: false,
        problems: [
          {
            path: [],
            field: '',
            stage: 'yaml',
            rule: 'yamlSyntax',
            message: `The document is not valid YAML: ${yamlError.message}`,
            position: { file, ...(start ? { line: start.line, column: start.col } : {}) },
          },
        ],
      };
    }
    const value: unknown = document.toJSON();
    if (value === null || value === undefined) return { empty: true };
    const result = validateEntity(value);
    if (result.ok) {
      const { kind, metadata } = result.entity;
      return { valid: true, kind, name: metadata.name, namespace: metadata.namespace ?? '' };
    }
    return { valid: false, problems: attachSourcePositions(result.problems, locator(document, lineCounter), file) };
  });
}

/**
 * The field Backstage's error names, written the way Portico writes field paths:
 * "/spec must have required property 'definition'" → spec.definition, "tags.1" → metadata.tags[1].
 * Undefined where Backstage names no field (a foreign root field, a YAML error).
 */
function backstageField(error: string): string | undefined {
  const required = /TypeError: (\S+) must have required property '([^']+)'/.exec(error);
  if (required?.[1] && required[2]) {
    const base = required[1] === '<root>' ? [] : required[1].split('/').slice(1);
    return formatFieldPath([...base, required[2]].map((s) => (/^\d+$/.test(s) ? Number(s) : s)));
  }
  const pointer = /(?:TypeError:|Malformed envelope,) (\/\S+) must/.exec(error);
  if (pointer?.[1]) return formatFieldPath(pointer[1].split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s)));
  const format = /"([^"]+)" is not valid;/.exec(error);
  if (format?.[1]) {
    const [head, ...rest] = format[1].split('.');
    const path = ['metadata', 'name', 'namespace'].includes(head ?? '') ? format[1].split('.') : ['metadata', head ?? '', ...rest];
    return formatFieldPath(path.map((s) => (/^\d+$/.test(s) ? Number(s) : s)));
  }
  if (error.includes('No processor recognized')) return 'kind|apiVersion';
  return undefined;
}

function sameReason(expected: ExpectedDocument, problems: ValidationProblem[]): boolean {
  const field = backstageField(expected.error ?? '');
  return problems.some((problem) => {
    if (problem.stage !== expected.stage || !problem.message.trim()) return false;
    if (field === undefined) {
      // A root field Backstage does not name, or a YAML error: the stage must match and the
      // problem must point at the document root or at a top-level field.
      return problem.path.length <= 1;
    }
    return field.split('|').includes(problem.field);
  });
}

const expected = JSON.parse(readFileSync(join(corpusDir, 'expected.json'), 'utf8')) as { files: ExpectedFile[] };

describe('real-world corpus: Portico reaches the same verdict as Backstage', () => {
  it('has the corpus described in its README', () => {
    const documents = expected.files.flatMap((f) => f.documents);
    expect(expected.files).toHaveLength(120);
    expect(documents.filter((d) => d.valid === true)).toHaveLength(186);
    expect(documents.filter((d) => d.valid === false)).toHaveLength(39);
    expect(documents.filter((d) => d.empty)).toHaveLength(3);
  });

  it('accepts exactly the documents Backstage accepts and rejects the others for the same reason', () => {
    const mismatches: string[] = [];
    let accepted = 0;
    let rejected = 0;
    for (const entry of expected.files) {
      const text = readFileSync(join(corpusDir, 'files', entry.file), 'utf8');
      const verdicts = judgeFile(entry.file, text);
      if (verdicts.length !== entry.documents.length) {
        mismatches.push(`${entry.file}: Backstage saw ${entry.documents.length} documents, Portico ${verdicts.length}`);
      }
      for (const want of entry.documents) {
        const got = verdicts[want.index];
        const where = `${entry.file} document ${want.index}`;
        const wanted = want.empty ? 'ignored (empty)' : want.valid ? `accepted as ${want.kind} ${want.name}` : `rejected at ${want.stage}: ${want.error}`;
        const describeGot = (v: Verdict | undefined): string =>
          !v ? 'missing' : v.empty ? 'ignored (empty)' : v.valid ? `accepted as ${v.kind} ${v.name}` : `rejected:\n    ${v.problems.map(formatProblem).join('\n    ')}`;
        const report = () => mismatches.push(`${where}\n  Backstage: ${wanted}\n  Portico:   ${describeGot(got)}`);
        if (!got) {
          report();
        } else if (want.empty) {
          if (!got.empty) report();
        } else if (want.valid) {
          if (got.empty || !got.valid || got.kind !== want.kind || got.name !== want.name || got.namespace === '') report();
          else accepted++;
        } else if (got.empty || got.valid || !sameReason(want, got.problems)) {
          report();
        } else {
          rejected++;
          // Every rejection tells the user where to look.
          if (got.problems.some((p) => !p.position?.file || p.position.line === undefined)) report();
        }
      }
    }
    expect(mismatches.join('\n\n')).toBe('');
    expect({ accepted, rejected }).toEqual({ accepted: 186, rejected: 39 });
  });
});
