import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { globBase, globFiles, globToRegExp, hasGlob } from './glob.js';

describe('glob patterns', () => {
  it.each([
    ['/a/*.yaml', '/a/x.yaml', true],
    ['/a/*.yaml', '/a/b/x.yaml', false],
    ['/a/**/*.yaml', '/a/x.yaml', true],
    ['/a/**/*.yaml', '/a/b/c/x.yaml', true],
    ['/a/**', '/a/b/c', true],
    ['/a/?.yaml', '/a/x.yaml', true],
    ['/a/?.yaml', '/a/xy.yaml', false],
    ['/a/{b,c}/x.yaml', '/a/c/x.yaml', true],
    ['/a/{b,c}/x.yaml', '/a/d/x.yaml', false],
    ['/a/x.yaml', '/a/xxyaml', false],
  ])('%s matches %s: %s', (pattern, file, expected) => {
    expect(globToRegExp(pattern).test(file)).toBe(expected);
  });

  it('knows where a pattern stops being literal', () => {
    expect(hasGlob('/a/b.yaml')).toBe(false);
    expect(globBase('/a/b/**/c/*.yaml')).toBe('/a/b');
    expect(globBase('/*.yaml')).toBe('/');
  });

  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'portico-glob-')));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists matching files sorted, skipping node_modules and .git', async () => {
    for (const file of ['a/catalog-info.yaml', 'a/b/catalog-info.yaml', 'a/b/other.yaml', 'node_modules/x/catalog-info.yaml', '.git/catalog-info.yaml']) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), '');
    }
    expect(await globFiles(`${dir}/**/catalog-info.yaml`)).toEqual([`${dir}/a/b/catalog-info.yaml`, `${dir}/a/catalog-info.yaml`]);
    expect(await globFiles(`${dir}/missing/*.yaml`)).toEqual([]);
    await expect(globFiles(`${dir}/**/*.yaml`, { maxFiles: 2 })).rejects.toThrow(`The pattern ${dir}/**/*.yaml matches more than 2 files`);
  });
});
