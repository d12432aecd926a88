import { constants } from 'node:fs';
import { lstat, mkdir, open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '@portico/model';

/** Whether the last part of a path may be a symlink that is followed (read/write) or not (delete/rename). */
export type FinalSymlink = 'follow' | 'keep';

function refuse(relativePath: string, why: string): InputError {
  return new InputError(`Path "${relativePath}" ${why}`);
}

function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * Joins a relative path under `root` after checking its text: no absolute path (POSIX, drive
 * letter or UNC), no `..` segment (also not split by backslashes or percent-encoded), no NUL.
 * `''` and `'.'` mean the root itself. This is the lexical half; {@link resolveInsideRoot} adds
 * the file system half.
 */
export function resolveSafeChildPath(root: string, relativePath: string): string {
  if (typeof relativePath !== 'string') throw new InputError('A path must be a string');
  if (relativePath.includes('\0')) throw refuse(relativePath.replace(/\0/g, '\\0'), 'contains a NUL character');
  if (path.isAbsolute(relativePath) || /^[a-zA-Z]:/.test(relativePath) || relativePath.startsWith('\\')) {
    throw refuse(relativePath, 'is absolute; use a path relative to the workspace');
  }
  const segments = relativePath.split(/[\\/]+/).filter((segment) => segment !== '' && segment !== '.');
  if (segments.some((segment) => segment === '..' || decodedSegment(segment) === '..')) {
    throw refuse(relativePath, 'leaves the workspace ("..")');
  }
  const joined = path.resolve(root, ...segments);
  if (!isInside(path.resolve(root), joined)) throw refuse(relativePath, 'leaves the workspace');
  return joined;
}

/**
 * Resolves a relative path inside `root` and checks every part that exists on disk: a symlink
 * anywhere on the way must resolve (no dangling links) to a place inside the root's real path.
 * The last part is followed too unless `finalSymlink` is `keep` (to delete or rename a link
 * itself). Returns the real path to operate on; parts that do not exist yet are appended as is.
 */
export async function resolveInsideRoot(
  root: string,
  relativePath: string,
  finalSymlink: FinalSymlink = 'follow',
): Promise<string> {
  const lexical = resolveSafeChildPath(root, relativePath);
  const realRoot = await realpath(root);
  const parts = path.relative(path.resolve(root), lexical).split(path.sep).filter(Boolean);
  let current = realRoot;
  for (const [index, part] of parts.entries()) {
    const next = path.join(current, part);
    const isLast = index === parts.length - 1;
    let isLink: boolean;
    try {
      isLink = (await lstat(next)).isSymbolicLink();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return path.join(next, ...parts.slice(index + 1));
      throw error;
    }
    if (isLink && (!isLast || finalSymlink === 'follow')) {
      let target: string;
      try {
        target = await realpath(next);
      } catch {
        throw refuse(relativePath, `goes through the symlink "${part}", whose target does not exist`);
      }
      if (!isInside(realRoot, target)) throw refuse(relativePath, `goes through the symlink "${part}", which leads outside`);
      current = target;
    } else {
      current = next;
    }
  }
  return current;
}

/** Path of `absolutePath` relative to `root`, with forward slashes (for logs and outputs). */
export function relativeToRoot(root: string, absolutePath: string): string {
  return path.relative(root, absolutePath).split(path.sep).join('/');
}

/**
 * Writes a file that is known to be inside the workspace, creating parent folders. Refuses to
 * write through a symlink in the last part (O_NOFOLLOW), which closes the gap between the path
 * check and the write for links an earlier step created.
 */
export async function writeFileNoFollow(absolutePath: string, content: Buffer | string, mode?: number): Promise<void> {
  await mkdir(path.dirname(absolutePath), { recursive: true });
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NOFOLLOW;
  let handle;
  try {
    handle = await open(absolutePath, flags, mode ?? 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
      throw new InputError(`Refusing to write "${absolutePath}" through a symlink`);
    }
    throw error;
  }
  try {
    await handle.writeFile(content);
    if (mode !== undefined) await handle.chmod(mode);
  } finally {
    await handle.close();
  }
}
