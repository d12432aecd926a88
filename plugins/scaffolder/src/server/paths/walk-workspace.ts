import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';

export interface WorkspaceEntry {
  /** Relative to the folder walked, forward slashes. */
  path: string;
  absolutePath: string;
  type: 'file' | 'directory' | 'symlink' | 'other';
}

/** Lists a folder depth first without following symlinks (a link is listed, never entered). */
export async function walkWithoutFollowing(directory: string, recursive = true, prefix = ''): Promise<WorkspaceEntry[]> {
  const out: WorkspaceEntry[] = [];
  for (const name of (await readdir(directory)).sort()) {
    const absolutePath = path.join(directory, name);
    const relative = prefix ? `${prefix}/${name}` : name;
    const stats = await lstat(absolutePath);
    const type = stats.isSymbolicLink() ? 'symlink' : stats.isDirectory() ? 'directory' : stats.isFile() ? 'file' : 'other';
    out.push({ path: relative, absolutePath, type });
    if (type === 'directory' && recursive) out.push(...(await walkWithoutFollowing(absolutePath, true, relative)));
  }
  return out;
}
