import jsYaml from 'js-yaml';
import { LineCounter, parseAllDocuments } from 'yaml';

export interface YamlLimits {
  /** Deepest nesting of mappings and sequences. */
  maxDepth: number;
  /** Nodes a file may expand to through aliases, on top of two per byte of text. */
  maxAliasExpansion: number;
}

/** A non-empty document of a file and its place among the file's documents (0-based). */
export interface YamlDocument {
  index: number;
  value: unknown;
}

/** Why a file could not be parsed, with the position when known (1-based). */
export class YamlParseError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'YamlParseError';
  }
}

/**
 * Parses every document of a YAML file. js-yaml does the work (about ten times faster than
 * `yaml` on catalog files) with the YAML 1.2 core schema, as Backstage reads files: no
 * timestamps, no merge keys, no custom tags. On an error the file is parsed again with `yaml`
 * for a clearer message and its line and column. Empty documents are left out.
 *
 * Guards: nesting deeper than `maxDepth` fails while parsing; a file using anchors has its
 * alias expansion counted before anything walks it, so a "billion laughs" file fails fast.
 */
export function parseYamlDocuments(text: string, limits: YamlLimits): YamlDocument[] {
  let values: unknown[];
  try {
    values = jsYaml.loadAll(text, undefined, { schema: jsYaml.CORE_SCHEMA, maxDepth: limits.maxDepth } as jsYaml.LoadOptions);
  } catch (error) {
    throw describeFailure(text, error, limits);
  }
  if (text.includes('&') && text.includes('*')) checkAliasExpansion(values, text.length * 2 + limits.maxAliasExpansion, limits);
  if (MAY_HAVE_COLLECTION_KEYS.test(text) && values.some(hasCollectionKey)) values = parseWithYamlPackage(text);
  const documents: YamlDocument[] = [];
  values.forEach((value, index) => {
    if (value !== null && value !== undefined) documents.push({ index, value });
  });
  return documents;
}

/** Parses one `$yaml` document under the same guards. */
export function parseSingleYaml(text: string, limits: YamlLimits): unknown {
  const documents = parseYamlDocuments(text, limits);
  if (documents.length > 1) throw new YamlParseError('holds more than one YAML document');
  return documents[0]?.value ?? null;
}

/**
 * A mapping or sequence used as a key (`{{ name }}` unquoted is one) becomes the key
 * "[object Object]" in js-yaml but "{ name }" in `yaml`, which Backstage uses. Such files (rare)
 * are read with `yaml`.
 */
const MAY_HAVE_COLLECTION_KEYS = /\{\{|\[\[|[}\]]\s*:|^\s*\?\s/m;

function hasCollectionKey(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === null || typeof current !== 'object') continue;
    if (Array.isArray(current)) {
      stack.push(...current);
      continue;
    }
    for (const key of Object.keys(current)) {
      if (key.includes('[object Object]') || key.includes(',')) return true;
      stack.push((current as Record<string, unknown>)[key]);
    }
  }
  return false;
}

function parseWithYamlPackage(text: string): unknown[] {
  const documents = parseAllDocuments(text, { logLevel: 'error' });
  return (Array.isArray(documents) ? documents : []).map((document) => document.toJSON() as unknown);
}

function checkAliasExpansion(values: unknown[], budget: number, limits: YamlLimits): void {
  let remaining = budget;
  const visit = (value: unknown, depth: number): void => {
    if (--remaining < 0) {
      throw new YamlParseError(
        `its aliases expand to more than ${budget} nodes, which looks like a YAML alias bomb (catalog.limits.maxAliasExpansion)`,
      );
    }
    if (value === null || typeof value !== 'object') return;
    if (depth > limits.maxDepth * 2) {
      throw new YamlParseError(`its aliases nest deeper than ${limits.maxDepth * 2} levels (catalog.limits.maxDepth)`);
    }
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
    } else {
      for (const key in value) visit((value as Record<string, unknown>)[key], depth + 1);
    }
  };
  for (const value of values) visit(value, 0);
}

function describeFailure(text: string, error: unknown, limits: YamlLimits): YamlParseError {
  const failure = error as { reason?: string; mark?: { line: number; column: number }; message?: string };
  const line = failure.mark ? failure.mark.line + 1 : undefined;
  const column = failure.mark ? failure.mark.column + 1 : undefined;
  if (error instanceof RangeError || /maxDepth/.test(failure.reason ?? '')) {
    // `yaml` has no depth limit: re-parsing could overflow the stack, so keep js-yaml's position.
    return new YamlParseError(`the YAML nests deeper than ${limits.maxDepth} levels (catalog.limits.maxDepth)`, line, column);
  }
  const precise = yamlPackageError(text);
  if (precise) return precise;
  return new YamlParseError(`invalid YAML: ${failure.reason ?? failure.message ?? String(error)}`, line, column);
}

/** The first error `yaml` finds, with its document, line and column. */
function yamlPackageError(text: string): YamlParseError | undefined {
  try {
    const lineCounter = new LineCounter();
    const documents = parseAllDocuments(text, { lineCounter, logLevel: 'error' });
    const list = Array.isArray(documents) ? documents : [];
    for (const [index, document] of list.entries()) {
      const [first] = document.errors;
      if (!first) continue;
      const position = first.linePos?.[0];
      const message = (first.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
      const where = list.length > 1 ? ` (document ${index + 1})` : '';
      return new YamlParseError(`invalid YAML${where}: ${message}`, position?.line, position?.col);
    }
  } catch {
    return undefined;
  }
  return undefined;
}
