import { lstat, mkdir, readFile, realpath } from 'node:fs/promises';
import { InputError, type JsonObject } from '@portico/model';
import { minimatch } from 'minimatch';
import type { RenderOptions, SecureTemplater } from '../../expressions/secure-templater.js';
import type { ActionLogger } from '../../logging/task-logger.js';
import { readSourceTree, type SourceEntry } from '../../paths/source-tree.js';
import { relativeToRoot, resolveInsideRoot, writeFileNoFollow } from '../../paths/workspace-paths.js';
import { createLinkInside } from '../copy-tree.js';

export interface SkeletonOptions {
  sourceDirectory: string;
  shownAs: string;
  workspacePath: string;
  targetPath: string;
  values: JsonObject;
  templater: SecureTemplater;
  logger: ActionLogger;
  /** Globs (relative to the skeleton) whose contents are copied as is; their paths are still rendered. */
  copyWithoutTemplating: string[];
  /** When set, only files ending in it are rendered, and lose the extension. */
  templateFileExtension?: string;
  cookiecutterCompat: boolean;
  replace: boolean;
  trimBlocks: boolean;
  lstripBlocks: boolean;
  signal?: AbortSignal;
}

export interface SkeletonResult {
  rendered: string[];
  copied: string[];
  skipped: string[];
}

/** Text we can template: no NUL byte in the first 8 KB and valid UTF-8. */
function isText(content: Buffer): boolean {
  if (content.subarray(0, 8192).includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
    return true;
  } catch {
    return false;
  }
}

function matchesAny(entryPath: string, globs: string[]): boolean {
  if (globs.length === 0) return false;
  const parts = entryPath.split('/');
  for (let length = parts.length; length > 0; length -= 1) {
    const candidate = parts.slice(0, length).join('/');
    if (globs.some((glob) => minimatch(candidate, glob.replace(/^\.\//, ''), { dot: true }))) return true;
  }
  return false;
}

/**
 * Renders a skeleton folder into the workspace (the work of `fetch:template`): every path is
 * rendered, then checked inside the workspace (a value like "../../x" is refused); file
 * contents are rendered unless binary, matched by `copyWithoutTemplating`, or lacking the
 * `templateFileExtension`. A path part that renders empty skips the entry and what is under it.
 */
export async function renderSkeleton(options: SkeletonOptions): Promise<SkeletonResult> {
  const entries = await readSourceTree(options.sourceDirectory, options.shownAs);
  const root = await realpath(options.workspacePath);
  const targetRoot = await resolveInsideRoot(root, options.targetPath);
  await mkdir(targetRoot, { recursive: true });
  const targetRelative = relativeToRoot(root, targetRoot);
  const renderOptions: RenderOptions = {
    syntax: options.cookiecutterCompat ? 'cookiecutter' : 'backstage',
    trimBlocks: options.trimBlocks,
    lstripBlocks: options.lstripBlocks,
  };
  const data: JsonObject = options.cookiecutterCompat ? { cookiecutter: options.values } : { values: options.values };
  const result: SkeletonResult = { rendered: [], copied: [], skipped: [] };
  const skippedPrefixes: string[] = [];

  const render = (text: string, what: string): string => {
    try {
      return options.templater.renderString(text, data, renderOptions);
    } catch (error) {
      throw new InputError(`Failed to render ${what} of "${options.shownAs}/${text.length > 80 ? '…' : text}": ${(error as Error).message}`);
    }
  };

  for (const entry of entries) {
    options.signal?.throwIfAborted();
    if (skippedPrefixes.some((prefix) => entry.path.startsWith(`${prefix}/`))) continue;
    const { outputPath, templated } = planEntry(entry, options);
    const renderedPath = outputPath
      .split('/')
      .map((part) => render(part, 'the path'))
      .join('/');
    if (renderedPath.split('/').some((part) => part.trim() === '')) {
      options.logger.info(`Skipping "${entry.path}": its path rendered empty`);
      result.skipped.push(entry.path);
      if (entry.type === 'directory') skippedPrefixes.push(entry.path);
      continue;
    }
    const relative = targetRelative ? `${targetRelative}/${renderedPath}` : renderedPath;
    if (entry.type === 'directory') {
      await mkdir(await resolveInsideRoot(root, relative), { recursive: true });
      continue;
    }
    const destination = await resolveInsideRoot(root, relative, entry.type === 'symlink' ? 'keep' : 'follow');
    if (!options.replace && (await exists(destination))) {
      options.logger.info(`Skipping "${renderedPath}": it exists and replace is off`);
      result.skipped.push(renderedPath);
      continue;
    }
    if (entry.type === 'symlink') {
      await createLinkInside(root, destination, entry.target, renderedPath);
      result.copied.push(renderedPath);
      continue;
    }
    const content = await readFile(entry.absolutePath);
    if (templated && isText(content)) {
      const text = render(content.toString('utf8'), 'the contents');
      await writeFileNoFollow(destination, text, entry.mode);
      result.rendered.push(renderedPath);
    } else {
      await writeFileNoFollow(destination, content, entry.mode);
      result.copied.push(renderedPath);
    }
  }
  return result;
}

function planEntry(entry: SourceEntry, options: SkeletonOptions): { outputPath: string; templated: boolean } {
  if (entry.type !== 'file') return { outputPath: entry.path, templated: false };
  if (options.templateFileExtension) {
    const extension = options.templateFileExtension;
    if (entry.path.endsWith(extension) && entry.path.length > extension.length) {
      return { outputPath: entry.path.slice(0, -extension.length), templated: true };
    }
    return { outputPath: entry.path, templated: false };
  }
  return { outputPath: entry.path, templated: !matchesAny(entry.path, options.copyWithoutTemplating) };
}

async function exists(absolutePath: string): Promise<boolean> {
  try {
    await lstat(absolutePath);
    return true;
  } catch {
    return false;
  }
}
