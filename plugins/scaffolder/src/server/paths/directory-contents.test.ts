import { chmod, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, tempDir, writeTree } from '../test-fixtures/action-harness.js';
import { readDirectoryContents, writeDirectoryContents } from './directory-contents.js';

afterEach(cleanupTempDirs);

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('directory contents (dry runs)', () => {
  it('reads files with their executable bit and leaves symlinks out', async () => {
    const root = await tempDir('produced');
    const outside = await tempDir('outside');
    await writeFile(path.join(outside, 'host.txt'), 'host');
    await writeTree(root, { 'README.md': '# x', 'bin/run.sh': 'echo' });
    await chmod(path.join(root, 'bin/run.sh'), 0o755);
    await symlink(path.join(outside, 'host.txt'), path.join(root, 'leak'));
    expect(await readDirectoryContents(root)).toEqual([
      { path: 'README.md', base64Content: b64('# x'), executable: false },
      { path: 'bin/run.sh', base64Content: b64('echo'), executable: true },
    ]);
    await expect(readDirectoryContents(root, { maxFiles: 1 })).rejects.toThrow('exceed the limit of 1 files');
  });

  it('writes a template folder from the editor, refusing paths that leave it', async () => {
    const root = await tempDir('template');
    const outside = await tempDir('outside');
    await writeDirectoryContents(root, [
      { path: 'template.yaml', base64Content: b64('kind: Template') },
      { path: 'skeleton/${{ values.name }}.md', base64Content: b64('# ${{ values.name }}'), executable: false },
    ]);
    expect(await readFile(path.join(root, 'skeleton/${{ values.name }}.md'), 'utf8')).toBe('# ${{ values.name }}');
    for (const bad of ['../x', `/${outside}/x`, 'a/../../x']) {
      await expect(writeDirectoryContents(root, [{ path: bad, base64Content: b64('x') }])).rejects.toThrow(/leaves the workspace|is absolute/);
    }
    await expect(writeDirectoryContents(root, [{ path: '', base64Content: b64('x') }])).rejects.toThrow('A template file needs a path');
    expect(await readdir(outside)).toEqual([]);
  });
});
