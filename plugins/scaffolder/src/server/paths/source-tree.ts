import { lstat, readdir, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '@portico/model';

/** One entry of a template folder, with its path relative to the folder (forward slashes). */
export type SourceEntry =
  | { type: 'directory'; path: string }
  | { type: 'file'; path: string; absolutePath: string; mode: number }
  | { type: 'symlink'; path: string; target: string };

function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root + path.sep);
}

/**
 * Lists a template folder (a skeleton, or what fetch:plain copies) depth first, parents before
 * children. Symlinks are kept as links only when they point inside the folder; a link that
 * leads outside, a dangling link, or a device, socket or pipe makes the whole folder refused,
 * so a template can never smuggle host files into a workspace.
 */
export async function readSourceTree(sourceRoot: string, shownAs = sourceRoot): Promise<SourceEntry[]> {
  const realRoot = await realpath(sourceRoot);
  const entries: SourceEntry[] = [];

  async function walk(directory: string, relative: string): Promise<void> {
    const names = (await readdir(directory)).sort();
    for (const name of names) {
      const absolute = path.join(directory, name);
      const relativePath = relative ? `${relative}/${name}` : name;
      const stats = await lstat(absolute);
      if (stats.isSymbolicLink()) {
        let target: string;
        try {
          target = await realpath(absolute);
        } catch {
          throw new InputError(`Template folder "${shownAs}" contains "${relativePath}", a symlink whose target does not exist`);
        }
        if (!isInside(realRoot, target)) {
          throw new InputError(`Template folder "${shownAs}" contains "${relativePath}", a symlink that points outside the template`);
        }
        const written = await readlink(absolute);
        const linkTarget = path.isAbsolute(written) ? path.relative(path.dirname(absolute), target) : written;
        entries.push({ type: 'symlink', path: relativePath, target: linkTarget });
      } else if (stats.isDirectory()) {
        entries.push({ type: 'directory', path: relativePath });
        await walk(absolute, relativePath);
      } else if (stats.isFile()) {
        entries.push({ type: 'file', path: relativePath, absolutePath: absolute, mode: stats.mode & 0o777 });
      } else {
        throw new InputError(`Template folder "${shownAs}" contains "${relativePath}", which is not a file, folder or symlink`);
      }
    }
  }

  await walk(realRoot, '');
  return entries;
}
