import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '@portico/model';
import { cleanupTempDirs, tempDir } from '../test-fixtures/action-harness.js';
import { resolveInsideRoot, resolveSafeChildPath, writeFileNoFollow } from './workspace-paths.js';

describe('resolveSafeChildPath', () => {
  const root = '/srv/task';
  it.each([
    ['../x', 'leaves the workspace'],
    ['a/../../x', 'leaves the workspace'],
    ['a/..', 'leaves the workspace'],
    ['..\\x', 'leaves the workspace'],
    ['%2e%2e/x', 'leaves the workspace'],
    ['/etc/passwd', 'is absolute'],
    ['C:\\Windows', 'is absolute'],
    ['\\\\server\\share', 'is absolute'],
    ['a\0b', 'contains a NUL character'],
  ])('refuses %j and names it', (relative, why) => {
    expect(() => resolveSafeChildPath(root, relative)).toThrow(InputError);
    expect(() => resolveSafeChildPath(root, relative)).toThrow(why);
  });

  it.each([
    ['', '/srv/task'],
    ['.', '/srv/task'],
    ['./a/b', '/srv/task/a/b'],
    ['a/./b/', '/srv/task/a/b'],
    ['..a/b..', '/srv/task/..a/b..'],
  ])('joins %j under the root', (relative, expected) => {
    expect(resolveSafeChildPath(root, relative)).toBe(expected);
  });
});

describe('resolveInsideRoot', () => {
  let root: string;
  let outside: string;

  beforeAll(async () => {
    root = await tempDir('ws');
    outside = await tempDir('outside');
    await writeFile(path.join(outside, 'secret.txt'), 'host secret');
    await mkdir(path.join(root, 'real'));
    await writeFile(path.join(root, 'real', 'file.txt'), 'inside');
    await symlink(outside, path.join(root, 'out-dir'));
    await symlink(path.join(outside, 'secret.txt'), path.join(root, 'out-file'));
    await symlink(path.join(outside, 'later.txt'), path.join(root, 'dangling'));
    await symlink(path.join(root, 'out-dir'), path.join(root, 'chain'));
    await symlink('real', path.join(root, 'in-dir'));
  });
  afterAll(cleanupTempDirs);

  it('refuses a symlinked parent folder that leads outside', async () => {
    await expect(resolveInsideRoot(root, 'out-dir/secret.txt')).rejects.toThrow('goes through the symlink "out-dir", which leads outside');
  });

  it('refuses to follow a final symlink outside, but can address the link itself', async () => {
    await expect(resolveInsideRoot(root, 'out-file')).rejects.toThrow(/which leads outside/);
    expect(await resolveInsideRoot(root, 'out-file', 'keep')).toBe(path.join(await realRoot(root), 'out-file'));
  });

  it('refuses dangling links and chains of links that end outside', async () => {
    await expect(resolveInsideRoot(root, 'dangling')).rejects.toThrow(/whose target does not exist/);
    await expect(resolveInsideRoot(root, 'chain/secret.txt')).rejects.toThrow(/which leads outside/);
  });

  it('follows links that stay inside and appends parts that do not exist yet', async () => {
    const real = await realRoot(root);
    expect(await resolveInsideRoot(root, 'in-dir/file.txt')).toBe(path.join(real, 'real', 'file.txt'));
    expect(await resolveInsideRoot(root, 'in-dir/new/deeper.txt')).toBe(path.join(real, 'real', 'new', 'deeper.txt'));
  });

  it('never writes through a symlink', async () => {
    await expect(writeFileNoFollow(path.join(root, 'out-file'), 'x')).rejects.toThrow(/through a symlink/);
  });
});

async function realRoot(dir: string): Promise<string> {
  const { realpath } = await import('node:fs/promises');
  return realpath(dir);
}
