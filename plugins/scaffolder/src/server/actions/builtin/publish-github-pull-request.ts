import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '@portico/model';
import { z } from 'zod';
import { BRANCH_NAME } from '../../git/push-directory.js';
import type { GithubIntegration } from '../../integrations/scm-integrations.js';
import { walkWithoutFollowing } from '../../paths/walk-workspace.js';
import { githubClient, type GithubRepo } from '../../scm/github.js';
import { parseHostedRepoUrl } from '../../scm/repo-target.js';
import { isStatus, type RestClient } from '../../scm/rest-client.js';
import { createTemplateAction } from '../types.js';

interface TreeEntry {
  path: string;
  mode: '100644' | '100755';
  type: 'blob';
  sha: string;
}

const MAX_FILES = 2000;

/** A repository path: relative, forward slashes, no `..`. */
function repoPath(value: string): string {
  const normalized = path.posix.normalize(value.replace(/\\/g, '/').replace(/^\/+/, ''));
  if (normalized === '.' || normalized === '') return '';
  if (normalized === '..' || normalized.startsWith('../')) throw new InputError(`targetPath "${value}" leaves the repository`);
  return normalized;
}

/** Uploads the folder's files as blobs and returns tree entries placed under `prefix`. */
async function uploadFiles(client: RestClient, repo: string, folder: string, prefix: string, warn: (message: string) => void): Promise<TreeEntry[]> {
  const entries: TreeEntry[] = [];
  for (const entry of await walkWithoutFollowing(folder)) {
    if (entry.type === 'symlink') {
      warn(`Skipping the symlink ${entry.path}: pull requests carry files only`);
      continue;
    }
    if (entry.type !== 'file') continue;
    if (entries.length >= MAX_FILES) throw new InputError(`A pull request may carry at most ${MAX_FILES} files`);
    const [content, stats] = await Promise.all([readFile(entry.absolutePath), stat(entry.absolutePath)]);
    const blob = await client.request<{ sha: string }>('POST', `${repo}/git/blobs`, { content: content.toString('base64'), encoding: 'base64' });
    entries.push({ path: prefix ? `${prefix}/${entry.path}` : entry.path, mode: stats.mode & 0o111 ? '100755' : '100644', type: 'blob', sha: blob.sha });
  }
  return entries;
}

/**
 * `publish:github:pull-request`: commits the workspace's files on a new branch through GitHub's
 * git data API (blobs, tree, commit, ref) and opens a pull request, like Backstage's action.
 */
export function createPublishGithubPullRequestAction(options: { integrations: readonly GithubIntegration[] }) {
  return createTemplateAction({
    id: 'publish:github:pull-request',
    description: 'Opens a pull request on an existing GitHub repository with the files of the workspace (or sourcePath).',
    supportsDryRun: false,
    examples: [
      {
        description: 'Propose a change',
        example:
          "action: publish:github:pull-request\ninput:\n  repoUrl: github.com?owner=acme&repo=site\n  branchName: add-${{ parameters.name }}\n  title: Add ${{ parameters.name }}\n  description: Created by a template",
      },
    ],
    schema: {
      input: z.object({
        repoUrl: z.string().min(1),
        branchName: z.string().regex(BRANCH_NAME),
        title: z.string().min(1),
        description: z.string().default(''),
        targetBranchName: z.string().regex(BRANCH_NAME).optional().describe('The branch to merge into; the repository\'s default branch when left out'),
        draft: z.boolean().default(false),
        sourcePath: z.string().default('./').describe('Folder of the workspace whose files go into the pull request'),
        targetPath: z.string().default('').describe('Folder of the repository the files go to'),
        commitMessage: z.string().min(1).optional(),
        reviewers: z.array(z.string().min(1)).optional(),
        teamReviewers: z.array(z.string().min(1)).optional(),
        update: z.boolean().default(false).describe('Update the branch (and its open pull request) when it exists'),
        gitAuthorName: z.string().min(1).optional(),
        gitAuthorEmail: z.string().min(3).optional(),
        token: z.string().optional(),
      }),
      output: z.object({ targetBranchName: z.string(), remoteUrl: z.string(), pullRequestNumber: z.number() }),
    },
    async handler(ctx) {
      const input = ctx.input;
      const { host, owner, repo } = parseHostedRepoUrl(input.repoUrl, 'GitHub');
      const { client } = githubClient(options.integrations, host, { token: input.token, signal: ctx.signal });
      const repoApi = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
      const folder = await ctx.resolvePath(input.sourcePath);
      if (!(await stat(folder).catch(() => undefined))?.isDirectory()) throw new InputError(`sourcePath "${input.sourcePath}" is not a folder in the workspace`);

      const repository = await client.request<GithubRepo>('GET', repoApi);
      const base = input.targetBranchName ?? repository.default_branch;
      const baseRef = await client.request<{ object: { sha: string } }>('GET', `${repoApi}/git/ref/heads/${base.split('/').map(encodeURIComponent).join('/')}`);
      const baseCommit = await client.request<{ tree: { sha: string } }>('GET', `${repoApi}/git/commits/${baseRef.object.sha}`);

      const files = await uploadFiles(client, repoApi, folder, repoPath(input.targetPath), (message) => ctx.logger.warn(message));
      if (files.length === 0) throw new InputError(`sourcePath "${input.sourcePath}" holds no files to propose`);
      const tree = await client.request<{ sha: string }>('POST', `${repoApi}/git/trees`, { base_tree: baseCommit.tree.sha, tree: files });
      const author = input.gitAuthorName && input.gitAuthorEmail ? { author: { name: input.gitAuthorName, email: input.gitAuthorEmail } } : {};
      const commit = await client.request<{ sha: string }>('POST', `${repoApi}/git/commits`, {
        message: input.commitMessage ?? input.title,
        tree: tree.sha,
        parents: [baseRef.object.sha],
        ...author,
      });
      ctx.logger.info(`Committed ${files.length} file(s) as ${commit.sha.slice(0, 12)}`);

      const headRef = `refs/heads/${input.branchName}`;
      try {
        await client.request('POST', `${repoApi}/git/refs`, { ref: headRef, sha: commit.sha });
      } catch (error) {
        if (!isStatus(error, 422)) throw error;
        if (!input.update) throw new InputError(`The branch ${input.branchName} exists in ${owner}/${repo}; choose another branchName or set update: true`);
        await client.request('PATCH', `${repoApi}/git/refs/heads/${input.branchName}`, { sha: commit.sha, force: true });
        const open = await client.request<{ number: number; html_url: string }[]>(
          'GET',
          `${repoApi}/pulls?state=open&head=${encodeURIComponent(`${owner}:${input.branchName}`)}`,
        );
        const existing = open[0];
        if (existing) {
          ctx.logger.info(`Updated the branch of pull request #${existing.number}`);
          ctx.output('targetBranchName', base);
          ctx.output('remoteUrl', existing.html_url);
          ctx.output('pullRequestNumber', existing.number);
          return;
        }
      }

      const pull = await client.request<{ number: number; html_url: string }>('POST', `${repoApi}/pulls`, {
        title: input.title,
        head: input.branchName,
        base,
        body: input.description,
        draft: input.draft,
      });
      ctx.logger.info(`Opened pull request #${pull.number}: ${pull.html_url}`);
      if (input.reviewers?.length || input.teamReviewers?.length) {
        try {
          await client.request('POST', `${repoApi}/pulls/${pull.number}/requested_reviewers`, {
            reviewers: input.reviewers ?? [],
            team_reviewers: input.teamReviewers ?? [],
          });
        } catch (error) {
          ctx.logger.warn(`Could not request reviewers for #${pull.number}: ${(error as Error).message}`);
        }
      }
      ctx.output('targetBranchName', base);
      ctx.output('remoteUrl', pull.html_url);
      ctx.output('pullRequestNumber', pull.number);
    },
  });
}
