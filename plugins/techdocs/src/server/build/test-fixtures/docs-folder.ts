import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A real temporary folder for a test; `files` maps relative paths to contents. */
export interface TempFolder {
  root: string;
  write(relativePath: string, content: string | Buffer): Promise<void>;
  link(relativePath: string, target: string): Promise<void>;
  remove(): Promise<void>;
}

export async function makeTempFolder(files: Record<string, string | Buffer> = {}): Promise<TempFolder> {
  const root = await mkdtemp(path.join(tmpdir(), 'portico-techdocs-'));
  const folder: TempFolder = {
    root,
    async write(relativePath, content) {
      const target = path.join(root, relativePath);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content);
    },
    async link(relativePath, target) {
      const at = path.join(root, relativePath);
      await mkdir(path.dirname(at), { recursive: true });
      await symlink(target, at);
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
  for (const [relativePath, content] of Object.entries(files)) await folder.write(relativePath, content);
  return folder;
}
