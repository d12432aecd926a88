import { lstat, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, runAction, tempDir, writeTree } from '../../test-fixtures/action-harness.js';
import { createDebugLogAction, createDebugWaitAction } from './debug.js';
import { createFetchPlainAction, createFetchPlainFileAction } from './fetch-plain.js';
import { createFsDeleteAction } from './fs-delete.js';
import { createFsReaddirAction } from './fs-readdir.js';
import { createFsRenameAction } from './fs-rename.js';

let workspacePath: string;
let outside: string;
let templateDir: string;

beforeEach(async () => {
  workspacePath = await tempDir('workspace');
  outside = await tempDir('outside');
  templateDir = await tempDir('template');
  await writeFile(path.join(outside, 'host.txt'), 'host file');
  await writeTree(workspacePath, { 'a.txt': 'a', 'docs/x.tmp': 'x', 'docs/keep.md': 'k', 'deep/y.tmp': 'y' });
  await symlink(path.join(outside, 'host.txt'), path.join(workspacePath, 'host-link'));
  await symlink(outside, path.join(workspacePath, 'out-dir'));
  await writeTree(templateDir, { 'files/one.txt': '${{ not templated }}', 'files/sub/two.txt': '2', 'single.txt': 's' });
});
afterEach(cleanupTempDirs);

describe('fetch:plain and fetch:plain:file', () => {
  it('copy from the template folder without templating', async () => {
    await runAction(createFetchPlainAction(), { url: './files', targetPath: 'copied' }, { workspacePath, templateDir });
    expect(await readFile(path.join(workspacePath, 'copied/one.txt'), 'utf8')).toBe('${{ not templated }}');
    expect(await readFile(path.join(workspacePath, 'copied/sub/two.txt'), 'utf8')).toBe('2');
    await runAction(createFetchPlainFileAction(), { url: 'single.txt', targetPath: 'nested/s.txt' }, { workspacePath, templateDir });
    expect(await readFile(path.join(workspacePath, 'nested/s.txt'), 'utf8')).toBe('s');
  });

  it('refuse sources outside the template and targets outside the workspace', async () => {
    await expect(runAction(createFetchPlainAction(), { url: '../' }, { workspacePath, templateDir })).rejects.toThrow(/leaves the workspace|of the template folder/);
    await expect(runAction(createFetchPlainFileAction(), { url: 'single.txt', targetPath: 'host-link' }, { workspacePath, templateDir })).rejects.toThrow(
      /which leads outside/,
    );
    await expect(runAction(createFetchPlainFileAction(), { url: 'single.txt', targetPath: 'out-dir/new.txt' }, { workspacePath, templateDir })).rejects.toThrow(
      /which leads outside/,
    );
    expect(await readFile(path.join(outside, 'host.txt'), 'utf8')).toBe('host file');
    expect(await readdir(outside)).toEqual(['host.txt']);
  });

  it('fails clearly when the source is missing or of the wrong kind', async () => {
    await expect(runAction(createFetchPlainAction(), { url: './nope' }, { workspacePath, templateDir })).rejects.toThrow('Cannot fetch "./nope": there is no such directory');
    await expect(runAction(createFetchPlainAction(), { url: 'single.txt' }, { workspacePath, templateDir })).rejects.toThrow('it is a file, not a folder');
    await expect(runAction(createFetchPlainAction(), { url: './files' }, { workspacePath })).rejects.toThrow(/no location to fetch from/);
  });
});

describe('fs:delete', () => {
  const action = createFsDeleteAction();

  it('deletes files, folders and globs', async () => {
    await runAction(action, { files: ['a.txt', '**/*.tmp'] }, { workspacePath });
    expect((await readdir(workspacePath)).sort()).toEqual(['deep', 'docs', 'host-link', 'out-dir']);
    expect(await readdir(path.join(workspacePath, 'docs'))).toEqual(['keep.md']);
    await runAction(action, { files: ['docs'] }, { workspacePath });
    expect(await readdir(workspacePath)).not.toContain('docs');
  });

  it('deletes a symlink itself, never what it points at', async () => {
    await runAction(action, { files: ['host-link', 'out-dir'] }, { workspacePath });
    expect(await readFile(path.join(outside, 'host.txt'), 'utf8')).toBe('host file');
    await expect(lstat(path.join(workspacePath, 'host-link'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses paths outside, through links, and the workspace itself', async () => {
    await expect(runAction(action, { files: ['../x'] }, { workspacePath })).rejects.toThrow('Path "../x" leaves the workspace');
    await expect(runAction(action, { files: ['out-dir/host.txt'] }, { workspacePath })).rejects.toThrow(/which leads outside/);
    await expect(runAction(action, { files: ['../**'] }, { workspacePath })).rejects.toThrow(/leaves the workspace/);
    await expect(runAction(action, { files: ['.'] }, { workspacePath })).rejects.toThrow('refuses to delete the whole workspace');
    expect(await readFile(path.join(outside, 'host.txt'), 'utf8')).toBe('host file');
  });
});

describe('fs:rename', () => {
  const action = createFsRenameAction();

  it('moves files and folders, creating parents', async () => {
    await runAction(action, { files: [{ from: 'a.txt', to: 'moved/b.txt' }, { from: 'docs', to: 'documentation' }] }, { workspacePath });
    expect(await readFile(path.join(workspacePath, 'moved/b.txt'), 'utf8')).toBe('a');
    expect((await readdir(path.join(workspacePath, 'documentation'))).sort()).toEqual(['keep.md', 'x.tmp']);
  });

  it('refuses to overwrite unless asked, and names missing sources', async () => {
    await expect(runAction(action, { files: [{ from: 'a.txt', to: 'docs/keep.md' }] }, { workspacePath })).rejects.toThrow(
      'fs:rename: "docs/keep.md" already exists; set overwrite: true to replace it',
    );
    await runAction(action, { files: [{ from: 'a.txt', to: 'docs/keep.md', overwrite: true }] }, { workspacePath });
    expect(await readFile(path.join(workspacePath, 'docs/keep.md'), 'utf8')).toBe('a');
    await expect(runAction(action, { files: [{ from: 'nope', to: 'x' }] }, { workspacePath })).rejects.toThrow('fs:rename: "nope" does not exist');
  });

  it('refuses moves out of the workspace or through links', async () => {
    await expect(runAction(action, { files: [{ from: 'a.txt', to: '../a.txt' }] }, { workspacePath })).rejects.toThrow(/leaves the workspace/);
    await expect(runAction(action, { files: [{ from: 'a.txt', to: 'out-dir/a.txt' }] }, { workspacePath })).rejects.toThrow(/which leads outside/);
    await expect(runAction(action, { files: [{ from: 'out-dir/host.txt', to: 'stolen.txt' }] }, { workspacePath })).rejects.toThrow(/which leads outside/);
    expect(await readdir(outside)).toEqual(['host.txt']);
  });
});

describe('fs:readdir', () => {
  it('lists files and folders, listing links without entering them', async () => {
    const { outputs } = await runAction(createFsReaddirAction(), { paths: ['.'], recursive: true }, { workspacePath });
    const files = (outputs.files as { path: string }[]).map((file) => file.path).sort();
    const folders = (outputs.folders as { path: string; name: string }[]).map((folder) => folder.path).sort();
    expect(files).toEqual(['a.txt', 'deep/y.tmp', 'docs/keep.md', 'docs/x.tmp', 'host-link', 'out-dir']);
    expect(folders).toEqual(['deep', 'docs']);
  });

  it('refuses to list through a link that leads out', async () => {
    await expect(runAction(createFsReaddirAction(), { paths: ['out-dir'] }, { workspacePath })).rejects.toThrow(/which leads outside/);
  });
});

describe('debug:log and debug:wait', () => {
  it('logs a message and the workspace, never reading through symlinks, with secrets redacted even in file names', async () => {
    await writeTree(workspacePath, { 'named-token-123456.txt': 'contains token-123456' });
    const { log } = await runAction(createDebugLogAction(), { message: 'hello token-123456', listWorkspace: 'with-contents' }, {
      workspacePath,
      secrets: { token: 'token-123456' },
    });
    const text = log.text();
    expect(text).toContain('hello ***');
    expect(text).toContain('named-***.txt');
    expect(text).not.toContain('token-123456');
    expect(text).toContain('docs/keep.md:\nk');
    expect(text).toContain('host-link (symlink, not read)');
    expect(text).not.toContain('host file');
  });

  it('waits, and stops waiting when the task is cancelled', async () => {
    const started = Date.now();
    await runAction(createDebugWaitAction(), { milliseconds: 50 }, { workspacePath });
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('cancelled by ada')), 30);
    const cancelledAt = Date.now();
    await expect(runAction(createDebugWaitAction(), { seconds: 30 }, { workspacePath, signal: controller.signal })).rejects.toThrow('cancelled by ada');
    expect(Date.now() - cancelledAt).toBeLessThan(5_000);
    await expect(runAction(createDebugWaitAction(), { minutes: 11 }, { workspacePath })).rejects.toThrow('at most 10 minutes');
  });
});
