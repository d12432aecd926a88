import { lstat, readFile, readlink, stat, symlink, chmod, writeFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, runAction, tempDir, writeTree } from '../../test-fixtures/action-harness.js';
import { createFetchTemplateAction } from './fetch-template.js';

const action = createFetchTemplateAction();
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x24, 0x7b, 0x7b]);

let templateDir: string;
let workspacePath: string;
let outside: string;

beforeEach(async () => {
  templateDir = await tempDir('template');
  workspacePath = await tempDir('workspace');
  outside = await tempDir('outside');
  await writeTree(templateDir, {
    'skeleton/${{ values.name }}/README.md': '# ${{ values.name }}\nOwned by ${{ values.owner | default("nobody") }}\n',
    'skeleton/catalog-info.yaml': 'metadata:\n  name: ${{ values.name | lower }}\n',
    'skeleton/static/${{ values.name }}.txt': 'kept as is: ${{ values.name }}',
    "skeleton/${{ 'Dockerfile' if values.docker else '' }}": 'FROM node:20',
    'skeleton/logo.png': PNG,
    'skeleton/run.sh': '#!/bin/sh\necho ${{ values.name }}\n',
    'njk/a.txt.njk': 'hello ${{ values.name }}',
    'njk/b.txt': 'untouched ${{ values.name }}',
    'cookie/{{cookiecutter.name}}/setup.py': 'name = "{{ cookiecutter.name }}"\ntags = {{ cookiecutter.tags | jsonify }}',
  });
  await chmod(path.join(templateDir, 'skeleton/run.sh'), 0o755);
});
afterEach(cleanupTempDirs);

describe('fetch:template', () => {
  it('renders file names and contents, copies binaries and copyWithoutTemplating files as is, skips empty names', async () => {
    const { log } = await runAction(
      action,
      { url: './skeleton', targetPath: 'out', values: { name: 'Billing', owner: 'team-a', docker: false }, copyWithoutTemplating: ['static/**'] },
      { workspacePath, templateDir },
    );
    const out = path.join(workspacePath, 'out');
    expect(await readFile(path.join(out, 'Billing/README.md'), 'utf8')).toBe('# Billing\nOwned by team-a\n');
    expect(await readFile(path.join(out, 'catalog-info.yaml'), 'utf8')).toBe('metadata:\n  name: billing\n');
    expect(await readFile(path.join(out, 'static/Billing.txt'), 'utf8')).toBe('kept as is: ${{ values.name }}');
    expect(await readFile(path.join(out, 'logo.png'))).toEqual(PNG);
    expect((await stat(path.join(out, 'run.sh'))).mode & 0o777).toBe(0o755);
    expect((await readdir(out)).sort()).toEqual(['Billing', 'catalog-info.yaml', 'logo.png', 'run.sh', 'static']);
    expect(log.text()).toMatch(/Skipping "\$\{\{ 'Dockerfile' if values.docker else '' \}\}": its path rendered empty/);
  });

  it('renders a conditional file when its condition holds', async () => {
    await runAction(action, { url: './skeleton', values: { name: 'x', docker: true } }, { workspacePath, templateDir });
    expect(await readFile(path.join(workspacePath, 'Dockerfile'), 'utf8')).toBe('FROM node:20');
  });

  it('renders only files with templateFileExtension and drops the extension', async () => {
    await runAction(action, { url: './njk', values: { name: 'svc' }, templateFileExtension: true }, { workspacePath, templateDir });
    expect(await readFile(path.join(workspacePath, 'a.txt'), 'utf8')).toBe('hello svc');
    expect(await readFile(path.join(workspacePath, 'b.txt'), 'utf8')).toBe('untouched ${{ values.name }}');
    await expect(
      runAction(action, { url: './njk', values: {}, templateFileExtension: '.njk', copyWithoutTemplating: ['x'] }, { workspacePath, templateDir }),
    ).rejects.toThrow('copyWithoutTemplating and templateFileExtension cannot be used together');
  });

  it('renders cookiecutter syntax in names and contents with cookiecutterCompat', async () => {
    await runAction(action, { url: './cookie', values: { name: 'pkg', tags: ['a'] }, cookiecutterCompat: true }, { workspacePath, templateDir });
    expect(await readFile(path.join(workspacePath, 'pkg/setup.py'), 'utf8')).toBe('name = "pkg"\ntags = ["a"]');
  });

  it('keeps existing files unless replace is set', async () => {
    await writeTree(workspacePath, { 'catalog-info.yaml': 'mine' });
    await runAction(action, { url: './skeleton', values: { name: 'a' } }, { workspacePath, templateDir });
    expect(await readFile(path.join(workspacePath, 'catalog-info.yaml'), 'utf8')).toBe('mine');
    await runAction(action, { url: './skeleton', values: { name: 'a' }, replace: true }, { workspacePath, templateDir });
    expect(await readFile(path.join(workspacePath, 'catalog-info.yaml'), 'utf8')).toBe('metadata:\n  name: a\n');
  });

  it('refuses a value that turns a file name into a path out of the workspace', async () => {
    await expect(
      runAction(action, { url: './skeleton', values: { name: `../../${path.basename(outside)}/pwned` } }, { workspacePath, templateDir }),
    ).rejects.toThrow(/leaves the workspace/);
    expect(await readdir(outside)).toEqual([]);
  });

  it('refuses absolute and escaping targetPath and url', async () => {
    await expect(runAction(action, { url: './skeleton', targetPath: '../x', values: { name: 'a' } }, { workspacePath, templateDir })).rejects.toThrow(
      'Path "../x" leaves the workspace',
    );
    await expect(runAction(action, { url: '../../etc', values: {} }, { workspacePath, templateDir })).rejects.toThrow(/Cannot fetch "..\/..\/etc"/);
    await expect(runAction(action, { url: '/etc', values: {} }, { workspacePath, templateDir })).rejects.toThrow(/Cannot fetch "\/etc"/);
    await expect(runAction(action, { url: 'https://example.com/skeleton', values: {} }, { workspacePath, templateDir })).rejects.toThrow(/not supported yet/);
  });

  it('refuses a skeleton that contains a symlink pointing outside, before writing anything', async () => {
    await writeFile(path.join(outside, 'host-secret'), 'secret');
    await writeTree(templateDir, { 'evil/a.txt': 'a' });
    await symlink(path.join(outside, 'host-secret'), path.join(templateDir, 'evil/link'));
    await expect(runAction(action, { url: './evil', values: {} }, { workspacePath, templateDir })).rejects.toThrow(
      'Template folder "./evil" contains "link", a symlink that points outside the template',
    );
    expect(await readdir(workspacePath)).toEqual([]);
  });

  it('recreates symlinks that stay inside the skeleton', async () => {
    await writeTree(templateDir, { 'linked/docs/index.md': '# ${{ values.name }}' });
    await symlink('docs/index.md', path.join(templateDir, 'linked/README.md'));
    await runAction(action, { url: './linked', values: { name: 'n' } }, { workspacePath, templateDir });
    expect((await lstat(path.join(workspacePath, 'README.md'))).isSymbolicLink()).toBe(true);
    expect(await readlink(path.join(workspacePath, 'README.md'))).toBe('docs/index.md');
    expect(await readFile(path.join(workspacePath, 'README.md'), 'utf8')).toBe('# n');
  });

  it('does not write through a symlink an earlier step left in the workspace', async () => {
    await symlink(outside, path.join(workspacePath, 'out'));
    await expect(runAction(action, { url: './skeleton', targetPath: 'out', values: { name: 'a' } }, { workspacePath, templateDir })).rejects.toThrow(
      /goes through the symlink "out", which leads outside/,
    );
    expect(await readdir(outside)).toEqual([]);
  });

  it('names the file when its template does not render, and refuses sandbox escapes in skeletons', async () => {
    await writeTree(templateDir, { 'bad/x.txt': '${{ range.constructor("return process")() }}' });
    await expect(runAction(action, { url: './bad', values: {} }, { workspacePath, templateDir })).rejects.toThrow(
      /Failed to render the contents of ".\/bad\/.*Access to "constructor" is not allowed/,
    );
  });

  it('refuses input that does not match its schema', async () => {
    await expect(runAction(action, { values: {} }, { workspacePath, templateDir })).rejects.toThrow(/Invalid input to fetch:template: url: /);
  });
});
