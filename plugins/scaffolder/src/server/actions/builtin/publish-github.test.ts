import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GithubIntegration } from '../../integrations/scm-integrations.js';
import { cleanupTempDirs, runAction, tempDir, writeTree } from '../../test-fixtures/action-harness.js';
import { startFakeGithub, type FakeGithub } from '../../test-fixtures/fake-github.js';
import { createPublishGithubAction } from './publish-github.js';

// No GitHub is reachable from this machine: these tests run against test-fixtures/fake-github.ts,
// a local server with the REST endpoints publish:github calls and a real git server for the push.
const run = promisify(execFile);
const TOKEN = 'ghp_fakeToken0123456789abcdef';

let github: FakeGithub;
let integrations: GithubIntegration[];

beforeAll(async () => {
  github = await startFakeGithub({ token: TOKEN, users: { acme: 'Organization', ada: 'User' }, login: 'ada' });
});
beforeEach(() => {
  github.cloneOrigin = undefined;
  github.rejectPushes = false;
  // The template names the logical host; the integration says where its API really is.
  integrations = [{ host: 'github.portico.test', apiBaseUrl: github.apiBaseUrl, token: TOKEN }];
});
afterAll(() => github.close());
afterEach(cleanupTempDirs);

const action = () => createPublishGithubAction({ integrations });

describe('publish:github', () => {
  it('creates the repository in the organisation, pushes the workspace, sets topics, collaborators and branch protection', async () => {
    const workspacePath = await tempDir('workspace');
    await writeTree(workspacePath, { 'README.md': '# payments\n', 'src/index.js': 'console.log(1);\n' });
    const { outputs, log } = await runAction(
      action(),
      {
        repoUrl: 'github.portico.test?owner=acme&repo=payments',
        description: 'Takes payments',
        defaultBranch: 'main',
        topics: ['payments', 'node'],
        collaborators: [{ user: 'bob', access: 'push' }],
        requiredApprovingReviewCount: 2,
      },
      { workspacePath, secrets: { token: TOKEN } },
    );
    expect(outputs).toEqual({
      remoteUrl: `${github.baseUrl}/acme/payments.git`,
      repoContentsUrl: `${github.baseUrl}/acme/payments/blob/main`,
      commitHash: expect.stringMatching(/^[0-9a-f]{40}$/),
    });
    const repo = github.repo('acme', 'payments');
    expect(repo?.settings).toMatchObject({ name: 'payments', private: true, description: 'Takes payments' });
    expect(repo?.topics).toEqual(['payments', 'node']);
    expect(repo?.collaborators).toEqual({ bob: 'push' });
    expect(repo?.protection.main).toMatchObject({ enforce_admins: true, required_pull_request_reviews: { required_approving_review_count: 2, require_code_owner_reviews: false } });
    const created = github.requests.find((request) => request.method === 'POST' && request.path === '/orgs/acme/repos');
    expect(created?.authorization).toBe(`Bearer ${TOKEN}`);

    const clone = await github.clone('acme', 'payments', 'main');
    expect(await readFile(path.join(clone, 'src/index.js'), 'utf8')).toBe('console.log(1);\n');
    const { stdout } = await run('git', ['-C', clone, 'log', '--format=%H %s']);
    expect(stdout.trim()).toBe(`${outputs.commitHash as string} initial commit`);
    expect(JSON.stringify(log.entries)).not.toContain(TOKEN);
  });

  it('creates the repository for the token\'s user when the owner is a user, as a public one when asked', async () => {
    const workspacePath = await tempDir('workspace');
    await writeTree(workspacePath, { 'index.html': '<h1>hi</h1>\n' });
    await runAction(action(), { repoUrl: 'github.portico.test?owner=ada&repo=site', repoVisibility: 'public', protectDefaultBranch: false }, { workspacePath });
    expect(github.requests.some((request) => request.method === 'POST' && request.path === '/user/repos')).toBe(true);
    expect(github.repo('ada', 'site')?.settings.private).toBe(false);
    expect(github.repo('ada', 'site')?.protection).toEqual({});
    // Backstage's default branch for publish:github is master.
    expect(await readFile(path.join(await github.clone('ada', 'site', 'master'), 'index.html'), 'utf8')).toBe('<h1>hi</h1>\n');
  });

  it('fails clearly for an existing repository, an unknown owner, a host without integration and a missing token', async () => {
    const workspacePath = await tempDir('workspace');
    await writeTree(workspacePath, { 'a.txt': 'a\n' });
    await runAction(action(), { repoUrl: 'github.portico.test?owner=acme&repo=taken' }, { workspacePath });
    await expect(runAction(action(), { repoUrl: 'github.portico.test?owner=acme&repo=taken' }, { workspacePath })).rejects.toThrow(
      'Could not create the GitHub repository acme/taken: GitHub API POST /orgs/acme/repos answered 422: Repository creation failed.; name already exists on this account',
    );
    await expect(runAction(action(), { repoUrl: 'github.portico.test?owner=nobody&repo=x' }, { workspacePath })).rejects.toThrow('GitHub has no user or organisation "nobody"');
    await expect(runAction(action(), { repoUrl: 'github.com?owner=acme&repo=x' }, { workspacePath })).rejects.toThrow(
      'No GitHub integration is configured for host "github.com" (integrations.github; configured: github.portico.test)',
    );
    integrations = [{ host: 'github.portico.test', apiBaseUrl: github.apiBaseUrl }];
    await expect(runAction(action(), { repoUrl: 'github.portico.test?owner=acme&repo=y' }, { workspacePath })).rejects.toThrow(
      'The GitHub integration for "github.portico.test" has no token, and the step gave none',
    );
    expect(github.repo('acme', 'y')).toBeUndefined();
  });

  it('reports a rejected token without showing it', async () => {
    const workspacePath = await tempDir('workspace');
    const wrong = 'ghp_wrongToken999999999';
    const failure = await runAction(action(), { repoUrl: 'github.portico.test?owner=acme&repo=z', token: wrong }, { workspacePath }).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toBe('GitHub API GET /users/acme answered 401: Bad credentials');
    expect((failure as Error).name).toBe('NotAllowedError');
  });

  it('never sends the token to a clone URL on another host, and says the repository exists when the push fails', async () => {
    const workspacePath = await tempDir('workspace');
    await writeTree(workspacePath, { 'a.txt': 'a\n' });
    github.cloneOrigin = 'http://127.0.0.1:9';
    await expect(runAction(action(), { repoUrl: 'github.portico.test?owner=acme&repo=elsewhere' }, { workspacePath })).rejects.toThrow(
      "GitHub returned the clone URL http://127.0.0.1:9/acme/elsewhere.git, which is not on the integration's host; refusing to send credentials there",
    );
    github.cloneOrigin = undefined;
    github.rejectPushes = true;
    await expect(runAction(action(), { repoUrl: 'github.portico.test?owner=acme&repo=half' }, { workspacePath })).rejects.toThrow(
      new RegExp(`^The repository ${github.baseUrl}/acme/half was created, but pushing to it failed: git push failed`),
    );
  });

  it('refuses owners and names that are not single path segments, and a sourcePath outside the workspace', async () => {
    const workspacePath = await tempDir('workspace');
    await expect(runAction(action(), { repoUrl: 'github.portico.test?owner=acme/../x&repo=a' }, { workspacePath })).rejects.toThrow(
      'The GitHub repository owner "acme/../x" may contain only letters, digits, ".", "_" and "-"',
    );
    await expect(runAction(action(), { repoUrl: 'github.portico.test?owner=acme&repo=b', sourcePath: '../..' }, { workspacePath })).rejects.toThrow(/leaves the workspace/);
    expect(github.repo('acme', 'b')).toBeUndefined();
  });
});
