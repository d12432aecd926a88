import { execFile } from 'node:child_process';
import { chmod, readFile, readdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { integrationSecrets, type GitIntegration } from '../../git/integrations.js';
import { cleanupTempDirs, runAction, tempDir, writeTree } from '../../test-fixtures/action-harness.js';
import { startGitHttpServer, type GitHttpServer } from '../../test-fixtures/git-http-server.js';
import { createPublishGitAction } from './publish-git.js';

const run = promisify(execFile);
const PASSWORD = 'gitpass-7f3e91';

let server: GitHttpServer;
let integrations: GitIntegration[];

beforeAll(async () => {
  server = await startGitHttpServer({ username: 'portico-bot', password: PASSWORD });
  const host = new URL(server.baseUrl).host;
  integrations = [{ host, baseUrl: server.baseUrl, username: 'portico-bot', password: PASSWORD }];
});
afterAll(() => server.close());
afterEach(cleanupTempDirs);

function repoUrl(owner: string, repo: string): string {
  return `${new URL(server.baseUrl).host}?owner=${owner}&repo=${repo}`;
}

describe('publish:git', () => {
  it('commits the workspace and pushes it over HTTP with the integration credentials', async () => {
    const workspacePath = await tempDir('workspace');
    await writeTree(workspacePath, { 'README.md': '# billing\n', 'src/index.ts': 'export {};\n', '.git/config': '[core]\n\thooksPath = /tmp/evil\n' });
    const secrets = Object.fromEntries(integrationSecrets(integrations).map((secret, index) => [`s${index}`, secret]));
    const { outputs, log } = await runAction(
      createPublishGitAction({ integrations }),
      { repoUrl: repoUrl('acme', 'billing'), defaultBranch: 'trunk', gitCommitMessage: 'Create billing' },
      { workspacePath, secrets },
    );
    expect(outputs.remoteUrl).toBe(`${server.baseUrl}/acme/billing.git`);
    expect(outputs.repoContentsUrl).toBe(`${server.baseUrl}/acme/billing`);
    expect(outputs.commitHash).toMatch(/^[0-9a-f]{40}$/);

    const clone = await server.clone('acme/billing.git', 'trunk');
    expect(await readFile(path.join(clone, 'README.md'), 'utf8')).toBe('# billing\n');
    expect(await readFile(path.join(clone, 'src/index.ts'), 'utf8')).toBe('export {};\n');
    const { stdout } = await run('git', ['-C', clone, 'log', '--format=%H %s %an', 'origin/trunk']);
    expect(stdout.trim()).toBe(`${outputs.commitHash as string} Create billing Portico Scaffolder`);
    // The skeleton's own .git folder was neither used as the repository nor published.
    expect((await run('git', ['-C', clone, 'ls-files'])).stdout.split('\n').filter(Boolean).sort()).toEqual(['README.md', 'src/index.ts']);

    const authorized = server.requests.filter((request) => request.authorization);
    expect(authorized.length).toBeGreaterThan(0);
    expect(server.requests.every((request) => !request.url.includes(PASSWORD))).toBe(true);
    const logText = JSON.stringify(log.entries);
    expect(logText).not.toContain(PASSWORD);
    expect(logText).not.toContain(Buffer.from(`portico-bot:${PASSWORD}`).toString('base64'));
  });

  it('publishes only sourcePath when given', async () => {
    const workspacePath = await tempDir('workspace');
    await writeTree(workspacePath, { 'site/index.html': '<h1>hi</h1>', 'secret-notes.txt': 'not for the repo' });
    await runAction(createPublishGitAction({ integrations }), { repoUrl: repoUrl('acme', 'site'), sourcePath: 'site' }, { workspacePath });
    const clone = await server.clone('acme/site.git');
    expect((await readdir(clone)).filter((name) => name !== '.git')).toEqual(['index.html']);
  });

  it('fails clearly on a wrong password, without logging it', async () => {
    const workspacePath = await tempDir('workspace');
    await writeTree(workspacePath, { 'a.txt': 'a' });
    const wrong = [{ ...integrations[0]!, password: 'wrong-password-123' }];
    const attempt = runAction(createPublishGitAction({ integrations: wrong }), { repoUrl: repoUrl('acme', 'denied') }, {
      workspacePath,
      secrets: { p: 'wrong-password-123' },
    });
    await expect(attempt).rejects.toThrow(/git push failed/);
    await expect(attempt).rejects.not.toThrow(/wrong-password-123/);
  });

  it('refuses hosts without an integration, bad repo names and sourcePath outside the workspace', async () => {
    const workspacePath = await tempDir('workspace');
    const action = createPublishGitAction({ integrations });
    await expect(runAction(action, { repoUrl: 'github.com?owner=a&repo=b' }, { workspacePath })).rejects.toThrow(
      /No git integration is configured for host "github.com"/,
    );
    await expect(runAction(action, { repoUrl: repoUrl('..', 'b') }, { workspacePath })).rejects.toThrow(/repository owner ".."/);
    await expect(runAction(action, { repoUrl: repoUrl('a', 'b'), sourcePath: '../../' }, { workspacePath })).rejects.toThrow(/leaves the workspace/);
    await expect(runAction(action, { repoUrl: repoUrl('a', 'b'), defaultBranch: '--upload-pack=x' }, { workspacePath })).rejects.toThrow(/Invalid input/);
  });

  it('runs no hook from the skeleton and lets no author name or message change git config', async () => {
    const workspacePath = await tempDir('workspace');
    const canaries = await tempDir('canaries');
    const hook = `#!/bin/sh\ntouch ${canaries}/hook-ran\n`;
    await writeTree(workspacePath, { 'a.txt': 'a', '.git/hooks/pre-commit': hook, '.git/hooks/post-commit': hook, '.git/hooks/pre-push': hook });
    for (const name of ['pre-commit', 'post-commit', 'pre-push']) await chmod(path.join(workspacePath, '.git/hooks', name), 0o755);
    const { outputs } = await runAction(
      createPublishGitAction({ integrations }),
      {
        repoUrl: repoUrl('acme', 'hooks'),
        gitAuthorName: `Eve\n[core]\n\tsshCommand = touch ${canaries}/config-ran`,
        gitCommitMessage: '--amend -c core.hooksPath=/tmp',
      },
      { workspacePath },
    );
    expect(await readdir(canaries)).toEqual([]);
    const clone = await server.clone('acme/hooks.git');
    const { stdout } = await run('git', ['-C', clone, 'cat-file', '-p', outputs.commitHash as string]);
    expect(stdout).toContain('\n\n--amend -c core.hooksPath=/tmp\n');
    expect(stdout.split('\n').filter((line) => line.startsWith('author ')).length).toBe(1);
    expect(stdout).not.toMatch(/^\[core\]/m);
  });

  it('does not follow a redirect, so the credentials never reach another server', async () => {
    const elsewhere = createServer((request, response) => {
      response.writeHead(302, { Location: `${server.baseUrl}${request.url ?? '/'}` }).end();
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    try {
      const redirectBase = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
      const redirecting = [{ host: 'redirect.test', baseUrl: redirectBase, username: 'portico-bot', password: PASSWORD }];
      const workspacePath = await tempDir('workspace');
      await writeTree(workspacePath, { 'a.txt': 'a' });
      const before = server.requests.length;
      await expect(
        runAction(createPublishGitAction({ integrations: redirecting }), { repoUrl: 'redirect.test?owner=acme&repo=moved' }, { workspacePath }),
      ).rejects.toThrow(/git push failed/);
      expect(server.requests.slice(before)).toEqual([]);
    } finally {
      elsewhere.closeAllConnections();
      await new Promise<void>((resolve) => elsewhere.close(() => resolve()));
    }
  });
});
