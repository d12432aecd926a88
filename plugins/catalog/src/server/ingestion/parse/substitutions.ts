import { findPlaceholders, type FieldPath, type JsonValue } from '@portico/model';
import { parseSingleYaml, type YamlLimits } from './parse-yaml.js';

export interface SubstitutionProblem {
  path: FieldPath;
  message: string;
}

/** Reads what a placeholder names, relative to the file the entity came from. */
export type RelatedReader = (target: string) => Promise<string>;

const SUPPORTED = new Set(['$text', '$json', '$yaml']);

/**
 * Replaces `$text`, `$json` and `$yaml` placeholders in a parsed document with what they name
 * (`$text` the file's text, `$json`/`$yaml` its parsed data). The document is changed in place.
 * A placeholder that fails is reported with its path and left in place, so validation fails
 * for that entity only.
 */
export async function substitutePlaceholders(
  document: unknown,
  read: RelatedReader,
  limits: YamlLimits,
): Promise<{ value: unknown; problems: SubstitutionProblem[]; substituted: number }> {
  const placeholders = findPlaceholders(document);
  const problems: SubstitutionProblem[] = [];
  let value = document;
  let substituted = 0;
  for (const placeholder of placeholders) {
    if (!SUPPORTED.has(placeholder.kind)) {
      problems.push({ path: placeholder.path, message: `uses the placeholder ${placeholder.kind}, which this catalog does not support; use $text, $json or $yaml` });
      continue;
    }
    if (typeof placeholder.target !== 'string' || !placeholder.target) {
      problems.push({ path: placeholder.path, message: `${placeholder.kind} needs a path or URL as its value` });
      continue;
    }
    try {
      const text = await read(placeholder.target);
      const replacement = placeholder.kind === '$text' ? text : placeholder.kind === '$json' ? parseJson(text, limits.maxDepth) : parseSingleYaml(text, limits);
      value = replaceAt(value, placeholder.path, replacement as JsonValue);
      substituted++;
    } catch (error) {
      problems.push({ path: placeholder.path, message: `${placeholder.kind} ${placeholder.target} could not be substituted: ${(error as Error).message}` });
    }
  }
  return { value, problems, substituted };
}

function parseJson(text: string, maxDepth: number): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`invalid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (depthOf(value, maxDepth) > maxDepth) throw new Error(`the JSON nests deeper than ${maxDepth} levels (catalog.limits.maxDepth)`);
  return value;
}

/** Nesting depth of a value, counted without recursion and without going past `limit + 1`. */
function depthOf(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) return deepest;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}

function replaceAt(root: unknown, path: FieldPath, replacement: JsonValue): unknown {
  if (path.length === 0) return replacement;
  let parent = root as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  parent[last] = replacement;
  return root;
}
