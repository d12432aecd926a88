import { chmod, symlink } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, runAction, tempDir, writeTree } from '../../test-fixtures/action-harness.js';
import { startFakeGithub, type FakeGithub } from '../../test-fixtures/fake-github.js';
import { createPublishGithubPullRequestAction } from './publish-github-pull-request.js';

// No GitHub is reachable here: test-fixtures/fake-github.ts implements the git data and pulls
// endpoints this action calls, with GitHub's paths and answers.
const TOKEN = 'ghp_prToken0123456789';

let github: FakeGithub;

beforeAll(async () => {
  github = await startFakeGithub({ token: TOKEN, users: { acme: 'Organization' }, login: 'bot' });
  github.seedRepo('acme', 'infra', { 'README.md': '# infra\n', 'apps/old.yaml': 'old: true\n' }, 'main');
});
afterAll(() => github.close());
afterEach(cleanupTempDirs);

const action = () => createPublishGithubPullRequestAction({ integrations: [{ host: 'github.portico.test', apiBaseUrl: github.apiBaseUrl, token: TOKEN }] });

describe('publish:github:pull-request', () => {
  it('commits the workspace files under targetPath on a new branch and opens a pull request', async () => {
    const workspacePath = await tempDir('workspace');
    await writeTree(workspacePath, { 'out/app.yaml': 'name: payments\n', 'out/bin/run.sh': '#!/bin/sh\necho run\n' });
    await chmod(path.join(workspacePath, 'out/bin/run.sh'), 0o755);
    await symlink('/etc/passwd', path.join(workspacePath, 'out/leak'));
    const { outputs, log } = await runAction(
      action(),
      {
        repoUrl: 'github.portico.test?owner=acme&repo=infra',
        branchName: 'add-payments',
        title: 'Add payments',
        description: 'Created by Portico',
        sourcePath: 'out',
        targetPath: 'apps/payments',
        reviewers: ['bob'],
      },
      { workspacePath, secrets: { token: TOKEN } },
    );
    expect(outputs).toEqual({ targetBranchName: 'main', remoteUrl: `${github.baseUrl}/acme/infra/pull/1`, pullRequestNumber: 1 });
    expect(github.filesAt('acme', 'infra', 'add-payments')).toEqual({
      'README.md': { content: '# infra\n', mode: '100644' },
      'apps/old.yaml': { content: 'old: true\n', mode: '100644' },
      'apps/payments/app.yaml': { content: 'name: payments\n', mode: '100644' },
      'apps/payments/bin/run.sh': { content: '#!/bin/sh\necho run\n', mode: '100755' },
    });
    // The base branch is untouched.
    expect(Object.keys(github.filesAt('acme', 'infra', 'main')).sort()).toEqual(['README.md', 'apps/old.yaml']);
    expect(github.repo('acme', 'infra')?.pulls[0]).toMatchObject({ title: 'Add payments', head: 'add-payments', base: 'main', body: 'Created by Portico', draft: false, reviewers: { reviewers: ['bob'], team_reviewers: [] } });
    expect(log.text()).toContain('Skipping the symlink leak: pull requests carry files only');
    expect(log.text()).not.toContain(TOKEN);
  });

  it('refuses an existing branch unless update is set, then updates the branch of the open pull request', async () => {
    const workspacePath = await tempDir('workspace');
    await writeTree(workspacePath, { 'a.txt': 'first\n' });
    const input = { repoUrl: 'github.portico.test?owner=acme&repo=infra', branchName: 'change-a', title: 'Change a' };
    await runAction(action(), input, { workspacePath });
    await expect(runAction(action(), input, { workspacePath })).rejects.toThrow(
      'The branch change-a exists in acme/infra; choose another branchName or set update: true',
    );
    await writeTree(workspacePath, { 'a.txt': 'second\n' });
    const { outputs } = await runAction(action(), { ...input, update: true }, { workspacePath });
    expect(outputs.remoteUrl).toBe(`${github.baseUrl}/acme/infra/pull/2`);
    expect(github.filesAt('acme', 'infra', 'change-a')['a.txt']?.content).toBe('second\n');
    expect(github.repo('acme', 'infra')?.pulls).toHaveLength(2);
  });

  it('fails clearly for a missing repository, a missing base branch, a targetPath that leaves the repository and an empty source', async () => {
    const workspacePath = await tempDir('workspace');
    await writeTree(workspacePath, { 'a.txt': 'a\n', 'empty/.keep-dir/.gitkeep': '' });
    const base = { branchName: 'b1', title: 't' };
    await expect(runAction(action(), { ...base, repoUrl: 'github.portico.test?owner=acme&repo=missing' }, { workspacePath })).rejects.toThrow(
      'GitHub API GET /repos/acme/missing answered 404: Not Found',
    );
    await expect(
      runAction(action(), { ...base, repoUrl: 'github.portico.test?owner=acme&repo=infra', targetBranchName: 'release' }, { workspacePath }),
    ).rejects.toThrow('GitHub API GET /repos/acme/infra/git/ref/heads/release answered 404: Not Found');
    await expect(
      runAction(action(), { ...base, repoUrl: 'github.portico.test?owner=acme&repo=infra', targetPath: '../../etc' }, { workspacePath }),
    ).rejects.toThrow('targetPath "../../etc" leaves the repository');
    const emptyWorkspace = await tempDir('empty');
    await expect(runAction(action(), { ...base, repoUrl: 'github.portico.test?owner=acme&repo=infra' }, { workspacePath: emptyWorkspace })).rejects.toThrow(
      'sourcePath "./" holds no files to propose',
    );
    expect(github.repo('acme', 'infra')?.refs.has('b1')).toBe(false);
  });
});
