import { LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import { type DocsProblem } from './problems.js';

/** A YAML file read strictly as data, with a way to point at any node's line. */
export interface YamlData {
  document: Document.Parsed;
  value: unknown;
  /** Where a node starts, for problems that name a line. */
  locate(node: YamlNode | null | undefined): { line?: number; column?: number };
}

export type YamlResult = { ok: true; data: YamlData } | { ok: false; problems: DocsProblem[] };

const coreTagPrefix = 'tag:yaml.org,2002:';

/** Shows a tag the way its author wrote it: `!!python/name:x` rather than the expanded URI. */
function displayTag(tag: string): string {
  return tag.startsWith(coreTagPrefix) ? `!!${tag.slice(coreTagPrefix.length)}` : tag;
}

/**
 * Parses YAML as plain data: the YAML 1.2 core schema only, duplicate keys rejected, the default
 * alias cap kept, and every tag outside the core schema refused. mkdocs files written for Python
 * carry tags such as `!!python/name:` and `!!python/object/apply:` that would run code in PyYAML's
 * unsafe loader; the `yaml` package merely warns about tags it cannot resolve and carries on with a
 * string, so that warning is turned into an error here rather than silently reading a different value.
 */
export function parseYamlData(text: string, file: string, offsetLines = 0): YamlResult {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    schema: 'core',
    // Without this, `!!binary`, `!!set`, `!!omap`, `!!pairs` and `!!timestamp` resolve even in the core schema.
    resolveKnownTags: false,
    uniqueKeys: true,
    prettyErrors: true,
  });
  const problems: DocsProblem[] = [];
  const at = (linePos: readonly { line: number; col: number }[] | undefined) => {
    const start = linePos?.[0];
    return start ? { line: start.line + offsetLines, column: start.col } : {};
  };
  for (const error of document.errors) {
    problems.push({ file, ...at(error.linePos), message: `invalid YAML: ${firstLine(error.message)}` });
  }
  for (const warning of document.warnings) {
    if (warning.code !== 'TAG_RESOLVE_FAILED') continue;
    const tag = /Unresolved tag: (\S+)/.exec(warning.message)?.[1] ?? 'unknown';
    problems.push({
      file,
      ...at(warning.linePos),
      message: `YAML tag '${displayTag(tag)}' is not allowed: the file is read as plain data and nothing in it is executed`,
    });
  }
  if (problems.length > 0) return { ok: false, problems };

  let value: unknown;
  try {
    value = document.toJS();
  } catch (error) {
    // Alias bombs end here ("Excessive alias count ..."), before any large value is built.
    return { ok: false, problems: [{ file, message: `invalid YAML: ${firstLine(String((error as Error).message))}` }] };
  }
  const locate = (node: YamlNode | null | undefined) => {
    const offset = node?.range?.[0];
    if (offset === undefined) return {};
    const pos = lineCounter.linePos(offset);
    return { line: pos.line + offsetLines, column: pos.col };
  };
  return { ok: true, data: { document, value, locate } };
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
}
