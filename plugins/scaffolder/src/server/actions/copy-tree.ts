import { mkdir, readFile, realpath, symlink } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '@portico/model';
import { readSourceTree } from '../paths/source-tree.js';
import { resolveInsideRoot, writeFileNoFollow } from '../paths/workspace-paths.js';

/**
 * Copies a template folder into the workspace under `targetPath`, entry by entry, each
 * destination checked with the workspace rules. Symlinks inside the folder are recreated (they
 * were checked to stay inside it); anything else that leads out refuses the whole copy first.
 */
export async function copyTreeIntoWorkspace(options: {
  sourceDirectory: string;
  shownAs: string;
  workspacePath: string;
  targetPath: string;
  signal?: AbortSignal;
}): Promise<number> {
  const entries = await readSourceTree(options.sourceDirectory, options.shownAs);
  const root = await realpath(options.workspacePath);
  const target = await resolveInsideRoot(root, options.targetPath);
  await mkdir(target, { recursive: true });
  let files = 0;
  for (const entry of entries) {
    options.signal?.throwIfAborted();
    const relative = path.join(path.relative(root, target), entry.path);
    if (entry.type === 'directory') {
      await mkdir(await resolveInsideRoot(root, relative), { recursive: true });
    } else if (entry.type === 'file') {
      const destination = await resolveInsideRoot(root, relative);
      await writeFileNoFollow(destination, await readFile(entry.absolutePath), entry.mode);
      files += 1;
    } else {
      const destination = await resolveInsideRoot(root, relative, 'keep');
      await createLinkInside(root, destination, entry.target, relative);
    }
  }
  return files;
}

/** Creates a relative symlink after checking its target stays inside the workspace (a real path). */
export async function createLinkInside(realRoot: string, linkPath: string, target: string, shown: string): Promise<void> {
  const resolvedTarget = path.resolve(path.dirname(linkPath), target);
  const root = path.resolve(realRoot);
  if (path.isAbsolute(target) || !(resolvedTarget === root || resolvedTarget.startsWith(root + path.sep))) {
    throw new InputError(`Refusing symlink "${shown}": its target "${target}" is outside the workspace`);
  }
  await mkdir(path.dirname(linkPath), { recursive: true });
  await symlink(target, linkPath);
}
