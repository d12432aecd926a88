import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitServer, type TestGitServer } from '../test-fixtures/git-http-server.js';
import { GitReader } from './git-reader.js';
import { parseGitTarget } from './git-target.js';

describe('GitReader against git http-backend on loopback', () => {
  let server: TestGitServer;
  let reader: GitReader;
  let workDir: string;
  let mainCommit: string;

  beforeAll(async () => {
    server = await startGitServer();
    mainCommit = server.commit('org-catalog', { 'catalog-info.yaml': 'kind: Location\n', 'teams/a.yaml': 'a: 1\n', 'teams/b.yaml': 'b: 2\n', 'README.md': '# hi\n' }, { tag: 'v1' });
    server.commit('org-catalog', { 'catalog-info.yaml': 'kind: Component\n' }, { branch: 'next' });
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-gitwork-'));
    reader = new GitReader({ workDir, policy: { allow: [{ host: server.host }], integrations: [] }, timeoutMs: 30_000, maxBytes: 1024 });
  });
  afterAll(async () => {
    await server.close();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('fetches a branch shallowly and reads a file', async () => {
    const fetched = await reader.fetch(parseGitTarget(`${server.repoUrl('org-catalog')}#main:catalog-info.yaml`), false);
    expect(fetched.commit).toBe(mainCommit);
    const [blob] = await reader.list(fetched, 'catalog-info.yaml');
    expect((await reader.read(fetched, blob as NonNullable<typeof blob>, 'x')).toString()).toBe('kind: Location\n');
  });

  it('reads the default branch, tags and other branches, and lists globs', async () => {
    const head = await reader.fetch(parseGitTarget(`${server.repoUrl('org-catalog')}#catalog-info.yaml`), false);
    expect(head.commit).toBe(mainCommit);
    const tag = await reader.fetch(parseGitTarget(`${server.repoUrl('org-catalog')}#v1:catalog-info.yaml`), false);
    expect(tag.commit).toBe(mainCommit);
    const next = await reader.fetch(parseGitTarget(`${server.repoUrl('org-catalog')}#next:catalog-info.yaml`), false);
    expect(next.commit).not.toBe(mainCommit);
    expect((await reader.list(head, 'teams/*.yaml')).map((blob) => blob.path)).toEqual(['teams/a.yaml', 'teams/b.yaml']);
  });

  it('says clearly when the repository or the ref does not exist', async () => {
    await expect(reader.fetch(parseGitTarget(`${server.repoUrl('missing')}#main:catalog-info.yaml`), false)).rejects.toMatchObject({
      name: 'NotFoundError',
      message: `Git repository ${server.url}/missing.git was not found`,
    });
    await expect(reader.fetch(parseGitTarget(`${server.repoUrl('org-catalog')}#nope:catalog-info.yaml`), false)).rejects.toMatchObject({
      name: 'NotFoundError',
      message: `Git repository ${server.url}/org-catalog.git has no branch, tag or commit "nope"`,
    });
  });

  it('refuses hosts outside the allow list and file:// repositories from untrusted locations', async () => {
    const strict = new GitReader({ workDir, policy: { allow: [], integrations: [] }, timeoutMs: 30_000, maxBytes: 1024 });
    await expect(strict.fetch(parseGitTarget(`${server.repoUrl('org-catalog')}#main:x.yaml`), false)).rejects.toThrow(
      `Reading ${server.url}/org-catalog.git is not allowed: host ${server.host} is not in backend.reading.allow`,
    );
    await expect(reader.fetch(parseGitTarget(`${server.fileUrl('org-catalog')}#main:x.yaml`), false)).rejects.toThrow(
      'file:// repositories are only read from configured locations',
    );
    const local = await reader.fetch(parseGitTarget(`${server.fileUrl('org-catalog')}#main:x.yaml`), true);
    expect(local.commit).toBe(mainCommit);
  });

  it('refuses a blob larger than the limit before reading it', async () => {
    server.commit('big', { 'catalog-info.yaml': 'x'.repeat(4096) });
    const fetched = await reader.fetch(parseGitTarget(`${server.repoUrl('big')}#main:catalog-info.yaml`), false);
    const [blob] = await reader.list(fetched, 'catalog-info.yaml');
    await expect(reader.read(fetched, blob as NonNullable<typeof blob>, 'big/catalog-info.yaml')).rejects.toThrow(
      'big/catalog-info.yaml is 4096 bytes, more than the limit of 1024 bytes (catalog.limits.maxFileBytes)',
    );
  });

  it('parses git targets and refuses ones that leave the repository', () => {
    expect(parseGitTarget('https://git.example.com/org/repo.git#release/1.0:dir/catalog-info.yaml')).toEqual({
      repo: 'https://git.example.com/org/repo.git',
      ref: 'release/1.0',
      path: 'dir/catalog-info.yaml',
    });
    expect(() => parseGitTarget('https://git.example.com/org/repo.git')).toThrow('names no file');
    expect(() => parseGitTarget('https://git.example.com/org/repo.git#main:../x.yaml')).toThrow('leaves it with ".."');
    expect(() => parseGitTarget('ssh://git.example.com/org/repo.git#main:x.yaml')).toThrow('only https, http and file repositories are read');
    expect(() => parseGitTarget('https://git.example.com/org/repo.git#--upload-pack=x:x.yaml')).toThrow('has an invalid ref');
  });
});
