import { readFile, realpath, stat } from 'node:fs/promises';
import { InputError } from '@portico/model';
import type { DirectoryContent } from '../../common/types.js';
import { walkWithoutFollowing } from './walk-workspace.js';
import { resolveInsideRoot, writeFileNoFollow } from './workspace-paths.js';

export interface DirectoryContentLimits {
  maxFiles?: number;
  maxBytes?: number;
}

const DEFAULT_LIMITS = { maxFiles: 5000, maxBytes: 50 * 1024 * 1024 };

function limitsOf(limits: DirectoryContentLimits) {
  return { ...DEFAULT_LIMITS, ...limits };
}

/**
 * The files of a folder as `{ path, base64Content, executable }` (a dry run's result). Symlinks
 * are left out, never followed; limits bound what a template can make the server return.
 */
export async function readDirectoryContents(root: string, limits: DirectoryContentLimits = {}): Promise<DirectoryContent[]> {
  const { maxFiles, maxBytes } = limitsOf(limits);
  const out: DirectoryContent[] = [];
  let bytes = 0;
  for (const entry of await walkWithoutFollowing(await realpath(root))) {
    if (entry.type !== 'file') continue;
    const [content, stats] = await Promise.all([readFile(entry.absolutePath), stat(entry.absolutePath)]);
    bytes += content.length;
    if (out.length + 1 > maxFiles || bytes > maxBytes) {
      throw new InputError(`The produced files exceed the limit of ${maxFiles} files or ${maxBytes} bytes`);
    }
    out.push({ path: entry.path, base64Content: content.toString('base64'), executable: (stats.mode & 0o111) !== 0 });
  }
  return out;
}

/**
 * Writes `{ path, base64Content }` entries (a dry run's template folder, sent by the editor) into
 * a folder, each path checked like a workspace path: nothing lands outside `root`.
 */
export async function writeDirectoryContents(root: string, contents: readonly DirectoryContent[], limits: DirectoryContentLimits = {}): Promise<void> {
  const { maxFiles, maxBytes } = limitsOf(limits);
  if (contents.length > maxFiles) throw new InputError(`A template folder may have at most ${maxFiles} files, not ${contents.length}`);
  let bytes = 0;
  for (const entry of contents) {
    const content = Buffer.from(entry.base64Content, 'base64');
    bytes += content.length;
    if (bytes > maxBytes) throw new InputError(`A template folder may hold at most ${maxBytes} bytes`);
    const target = await resolveInsideRoot(root, entry.path);
    if (target === (await realpath(root))) throw new InputError('A template file needs a path');
    await writeFileNoFollow(target, content, entry.executable ? 0o755 : 0o644);
  }
}
