import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { type DocsProblem, type ProblemList } from './problems.js';
import { normalizeInside, realpathInside } from './safe-paths.js';
import { parseYamlData, type YamlData } from './yaml-data.js';

/** One entry of mkdocs `nav` as written, before it is matched against the pages on disk. */
export type NavSpecEntry =
  | { kind: 'page'; title?: string; target: string; line?: number }
  | { kind: 'section'; title: string; children: NavSpecEntry[]; line?: number };

/** What the build takes from a docs folder's mkdocs.yml (or the defaults when there is none). */
export interface DocsConfig {
  /** `mkdocs.yml` or `mkdocs.yaml` when one exists, relative to the source folder. */
  configFile?: string;
  siteName: string;
  siteDescription?: string;
  /** The docs folder relative to the source folder, POSIX separators (`docs` by default). */
  docsDir: string;
  /** Real absolute path of the docs folder, symlinks resolved and checked. */
  docsDirReal: string;
  nav?: NavSpecEntry[];
  repoUrl?: string;
  editUri?: string;
}

const configNames = ['mkdocs.yml', 'mkdocs.yaml'];
const maxConfigBytes = 1024 * 1024;
/** Keys whose effect in MkDocs is to run or load code or files; kept as data and reported. */
const unhonouredKeys: Record<string, string> = {
  hooks: 'hooks are never executed',
  INHERIT: 'configuration inheritance is not followed',
  extra_javascript: 'extra JavaScript is never added to pages',
  extra_css: 'extra CSS is not added to pages',
};

/**
 * Reads the docs configuration of `sourceDir` without executing anything: the YAML is parsed as
 * data, keys such as `plugins` and `markdown_extensions` are ignored, and `docs_dir` must stay
 * inside the source folder after symlinks are resolved (CVE-2021-32662 read host files this way).
 */
export async function readDocsConfig(
  sourceDir: string,
  problems: ProblemList,
  defaults: { siteName: string },
): Promise<DocsConfig | undefined> {
  const sourceReal = await realpathOrUndefined(sourceDir);
  if (sourceReal === undefined) {
    problems.error({ file: '.', message: `the docs source folder '${sourceDir}' does not exist` });
    return undefined;
  }

  let configFile: string | undefined;
  let data: YamlData | undefined;
  for (const name of configNames) {
    const candidate = path.join(sourceReal, name);
    if ((await realpathOrUndefined(candidate)) === undefined) continue;
    configFile = name;
    const real = await realpathInside(sourceReal, candidate);
    if (real === undefined) {
      problems.error({ file: name, message: 'is a symlink to a file outside the docs source folder' });
      return undefined;
    }
    const info = await stat(real);
    if (!info.isFile() || info.size > maxConfigBytes) {
      problems.error({ file: name, message: `must be a regular file of at most ${maxConfigBytes} bytes` });
      return undefined;
    }
    const parsed = parseYamlData(await readFile(real, 'utf8'), name);
    if (!parsed.ok) {
      parsed.problems.forEach((problem) => problems.error(problem));
      return undefined;
    }
    data = parsed.data;
    break;
  }

  const fields = data ? readFields(data, configFile ?? 'mkdocs.yml', problems) : {};
  const docsDirWritten = fields.docsDir?.value ?? 'docs';
  const docsDir = normalizeInside('', docsDirWritten);
  const docsDirProblem = (message: string): DocsProblem => ({ file: configFile ?? '.', ...fields.docsDir?.at, message });
  if (docsDir === undefined) {
    problems.error(docsDirProblem(`docs_dir '${docsDirWritten}' leaves the docs source folder`));
    return undefined;
  }
  if (docsDir === '') {
    problems.error(docsDirProblem(`docs_dir '${docsDirWritten}' must be a sub-folder, not the folder that holds ${configFile ?? 'mkdocs.yml'}`));
    return undefined;
  }
  const docsDirAbsolute = path.join(sourceReal, docsDir);
  if ((await realpathOrUndefined(docsDirAbsolute)) === undefined) {
    problems.error(docsDirProblem(`docs_dir '${docsDir}' does not exist`));
    return undefined;
  }
  const docsDirReal = await realpathInside(sourceReal, docsDirAbsolute);
  if (docsDirReal === undefined || docsDirReal === sourceReal) {
    problems.error(docsDirProblem(`docs_dir '${docsDir}' resolves (through a symlink) outside the docs source folder`));
    return undefined;
  }
  if (!(await stat(docsDirReal)).isDirectory()) {
    problems.error(docsDirProblem(`docs_dir '${docsDir}' is not a folder`));
    return undefined;
  }

  return {
    ...(configFile === undefined ? {} : { configFile }),
    siteName: fields.siteName ?? defaults.siteName,
    ...(fields.siteDescription === undefined ? {} : { siteDescription: fields.siteDescription }),
    docsDir,
    docsDirReal,
    ...(fields.nav === undefined ? {} : { nav: fields.nav }),
    ...(fields.repoUrl === undefined ? {} : { repoUrl: fields.repoUrl }),
    ...(fields.editUri === undefined ? {} : { editUri: fields.editUri }),
  };
}

interface ConfigFields {
  siteName?: string;
  siteDescription?: string;
  docsDir?: { value: string; at: { line?: number; column?: number } };
  nav?: NavSpecEntry[];
  repoUrl?: string;
  editUri?: string;
}

function readFields(data: YamlData, file: string, problems: ProblemList): ConfigFields {
  const root = data.document.contents;
  if (root === null || (isScalar(root) && root.value === null)) return {};
  if (!isMap(root)) {
    problems.error({ file, ...data.locate(root), message: 'must be a mapping of settings' });
    return {};
  }
  const fields: ConfigFields = {};
  const optionalString = (key: string): string | undefined => {
    const node = root.get(key, true);
    if (node === undefined || (isScalar(node) && node.value === null)) return undefined;
    if (isScalar(node) && typeof node.value === 'string') return node.value;
    problems.error({ file, ...data.locate(node), message: `'${key}' must be a string` });
    return undefined;
  };
  const siteName = optionalString('site_name');
  if (siteName !== undefined) fields.siteName = siteName;
  const siteDescription = optionalString('site_description');
  if (siteDescription !== undefined) fields.siteDescription = siteDescription;
  const docsDir = optionalString('docs_dir');
  if (docsDir !== undefined) fields.docsDir = { value: docsDir, at: data.locate(root.get('docs_dir', true)) };
  const repoUrl = optionalString('repo_url');
  if (repoUrl !== undefined) fields.repoUrl = repoUrl;
  const editUri = optionalString('edit_uri');
  if (editUri !== undefined) fields.editUri = editUri;

  const navNode = root.get('nav', true);
  if (navNode !== undefined && !(isScalar(navNode) && navNode.value === null)) {
    fields.nav = readNav(navNode, data, file, problems);
  }
  for (const [key, reason] of Object.entries(unhonouredKeys)) {
    const node = root.get(key, true);
    if (node !== undefined) problems.warn({ file, ...data.locate(node), message: `'${key}' is read as data only: ${reason}` });
  }
  return fields;
}

function readNav(node: YamlNode, data: YamlData, file: string, problems: ProblemList): NavSpecEntry[] {
  if (!isSeq(node)) {
    problems.error({ file, ...data.locate(node), message: "'nav' must be a list" });
    return [];
  }
  const entries: NavSpecEntry[] = [];
  for (const item of node.items) {
    const itemNode = item as YamlNode;
    const at = data.locate(itemNode);
    if (isScalar(itemNode) && typeof itemNode.value === 'string') {
      entries.push({ kind: 'page', target: itemNode.value, ...at });
      continue;
    }
    const pair = isMap(itemNode) && itemNode.items.length === 1 ? itemNode.items[0] : undefined;
    const title = pair && isScalar(pair.key) ? pair.key.value : undefined;
    if (pair === undefined || typeof title !== 'string') {
      problems.error({ file, ...at, message: "each 'nav' entry must be a path, or a single 'Title: path' or 'Title: [entries]'" });
      continue;
    }
    const value = pair.value as YamlNode | null;
    if (isScalar(value) && typeof value.value === 'string') {
      entries.push({ kind: 'page', title, target: value.value, ...at });
    } else if (isSeq(value)) {
      entries.push({ kind: 'section', title, children: readNav(value, data, file, problems), ...at });
    } else {
      problems.error({ file, ...at, message: `'nav' entry '${title}' must point to a path, a URL or a list of entries` });
    }
  }
  return entries;
}

async function realpathOrUndefined(target: string): Promise<string | undefined> {
  try {
    return await realpath(target);
  } catch {
    return undefined;
  }
}

