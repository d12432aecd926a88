import { type DocsProblem } from '../problems.js';
import { parseYamlData } from '../yaml-data.js';

export interface FrontMatter {
  /** The page text with the front matter replaced by blank lines, so line numbers still match. */
  body: string;
  title?: string;
  problems: DocsProblem[];
}

const opening = /^\uFEFF?---[ \t]*\r?\n/;
const closing = /^(---|\.\.\.)[ \t]*$/;

/**
 * Removes a leading YAML front matter block (`---` ... `---`). Its `title` names the page; the
 * rest is ignored. It is parsed with the same strict data-only YAML reader as mkdocs.yml.
 */
export function splitFrontMatter(markdown: string, file: string): FrontMatter {
  if (!opening.test(markdown)) return { body: markdown, problems: [] };
  const lines = markdown.split(/\r?\n/);
  const end = lines.findIndex((line, index) => index > 0 && closing.test(line));
  if (end === -1) return { body: markdown, problems: [] };
  const yamlText = lines.slice(1, end).join('\n');
  const body = [...lines.slice(0, end + 1).map(() => ''), ...lines.slice(end + 1)].join('\n');
  const parsed = parseYamlData(yamlText, file, 1);
  if (!parsed.ok) return { body, problems: parsed.problems };
  const value = parsed.data.value;
  const title = typeof value === 'object' && value !== null && 'title' in value ? (value as { title: unknown }).title : undefined;
  return { body, problems: [], ...(typeof title === 'string' && title.trim() !== '' ? { title: title.trim() } : {}) };
}
