import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanupTempDirs, runAction, tempDir, writeTree } from '../../test-fixtures/action-harness.js';
import { startFakeGitlab, type FakeGitlab } from '../../test-fixtures/fake-gitlab.js';
import { createPublishGitlabAction } from './publish-gitlab.js';

// No GitLab is reachable here: test-fixtures/fake-gitlab.ts answers the two REST calls this
// action makes and serves git for the push.
const TOKEN = 'glpat-fakeToken12345';

let gitlab: FakeGitlab;

beforeAll(async () => {
  gitlab = await startFakeGitlab({ token: TOKEN, namespaces: { 'acme/platform': 7 } });
});
afterAll(() => gitlab.close());
afterEach(cleanupTempDirs);

const action = (token = TOKEN) =>
  createPublishGitlabAction({
    integrations: [{ host: 'gitlab.portico.test', apiBaseUrl: gitlab.apiBaseUrl, baseUrl: gitlab.baseUrl, ...(token ? { token } : {}) }],
  });

describe('publish:gitlab', () => {
  it('creates the project in the group and pushes the workspace', async () => {
    const workspacePath = await tempDir('workspace');
    await writeTree(workspacePath, { 'README.md': '# billing\n' });
    const { outputs, log } = await runAction(
      action(),
      { repoUrl: 'gitlab.portico.test?owner=acme%2Fplatform&repo=billing', description: 'Bills', topics: ['billing'], defaultBranch: 'main' },
      { workspacePath, secrets: { token: TOKEN } },
    );
    expect(outputs).toEqual({
      remoteUrl: `${gitlab.baseUrl}/acme/platform/billing`,
      repoContentsUrl: `${gitlab.baseUrl}/acme/platform/billing/-/blob/main`,
      projectId: 100,
      commitHash: expect.stringMatching(/^[0-9a-f]{40}$/),
      created: true,
    });
    expect(gitlab.projects[0]).toEqual({ id: 100, namespaceId: 7, path: 'billing', visibility: 'private', description: 'Bills', topics: ['billing'] });
    expect(await readFile(path.join(await gitlab.clone('acme/platform/billing', 'main'), 'README.md'), 'utf8')).toBe('# billing\n');
    expect(log.text()).not.toContain(TOKEN);
  });

  it('fails clearly for an unknown group, a taken path and a missing token', async () => {
    const workspacePath = await tempDir('workspace');
    await writeTree(workspacePath, { 'a.txt': 'a\n' });
    await expect(runAction(action(), { repoUrl: 'gitlab.portico.test?owner=nobody&repo=x' }, { workspacePath })).rejects.toThrow(
      'GitLab has no group or user namespace "nobody"',
    );
    await runAction(action(), { repoUrl: 'gitlab.portico.test?owner=acme/platform&repo=taken' }, { workspacePath });
    await expect(runAction(action(), { repoUrl: 'gitlab.portico.test?owner=acme/platform&repo=taken' }, { workspacePath })).rejects.toThrow(
      /^Could not create the GitLab project acme\/platform\/taken: GitLab API POST \/projects answered 400/,
    );
    await expect(runAction(action(''), { repoUrl: 'gitlab.portico.test?owner=acme/platform&repo=y' }, { workspacePath })).rejects.toThrow(
      'The GitLab integration for "gitlab.portico.test" has no token, and the step gave none',
    );
  });
});
