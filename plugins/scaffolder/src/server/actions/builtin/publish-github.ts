import { InputError } from '@portico/model';
import { z } from 'zod';
import { BRANCH_NAME, pushDirectory } from '../../git/push-directory.js';
import type { GithubIntegration } from '../../integrations/scm-integrations.js';
import { githubClient, githubGitOrigins, type GithubRepo } from '../../scm/github.js';
import { checkCloneUrl, parseHostedRepoUrl } from '../../scm/repo-target.js';
import { isStatus } from '../../scm/rest-client.js';
import { createTemplateAction } from '../types.js';

const collaborator = z.union([
  z.object({ user: z.string().min(1), access: z.enum(['pull', 'triage', 'push', 'maintain', 'admin']) }),
  z.object({ team: z.string().min(1), access: z.enum(['pull', 'triage', 'push', 'maintain', 'admin']) }),
]);

/**
 * `publish:github`: creates a repository through GitHub's REST API (in an organisation, or for
 * the token's user), pushes the workspace to it with git, then sets topics, collaborators and
 * default-branch protection. Inputs and outputs follow Backstage's action.
 */
export function createPublishGithubAction(options: { integrations: readonly GithubIntegration[] }) {
  return createTemplateAction({
    id: 'publish:github',
    description: 'Creates a GitHub repository and pushes the workspace (or sourcePath) to it.',
    supportsDryRun: false,
    examples: [
      {
        description: 'Publish a new service',
        example: "action: publish:github\ninput:\n  repoUrl: ${{ parameters.repoUrl }}\n  description: This is ${{ parameters.name }}\n  repoVisibility: private",
      },
    ],
    schema: {
      input: z.object({
        repoUrl: z.string().min(1).describe('github.com?owner=<owner>&repo=<repo>'),
        description: z.string().optional(),
        homepage: z.string().optional(),
        repoVisibility: z.enum(['private', 'internal', 'public']).default('private'),
        defaultBranch: z.string().regex(BRANCH_NAME).default('master'),
        protectDefaultBranch: z.boolean().default(true),
        protectEnforceAdmins: z.boolean().default(true),
        requireCodeOwnerReviews: z.boolean().default(false),
        requiredApprovingReviewCount: z.number().int().min(0).max(6).default(1),
        deleteBranchOnMerge: z.boolean().default(false),
        allowMergeCommit: z.boolean().default(true),
        allowSquashMerge: z.boolean().default(true),
        allowRebaseMerge: z.boolean().default(true),
        hasIssues: z.boolean().optional(),
        hasWiki: z.boolean().optional(),
        hasProjects: z.boolean().optional(),
        topics: z.array(z.string().regex(/^[a-z0-9][a-z0-9-]{0,49}$/)).optional(),
        collaborators: z.array(collaborator).optional(),
        sourcePath: z.string().default('./'),
        gitCommitMessage: z.string().min(1).default('initial commit'),
        gitAuthorName: z.string().min(1).default('Portico Scaffolder'),
        gitAuthorEmail: z.string().min(3).default('scaffolder@portico.invalid'),
        token: z.string().optional().describe('A token to use instead of the integration\'s'),
      }),
      output: z.object({ remoteUrl: z.string(), repoContentsUrl: z.string(), commitHash: z.string() }),
    },
    async handler(ctx) {
      const input = ctx.input;
      const { host, owner, repo } = parseHostedRepoUrl(input.repoUrl, 'GitHub');
      const { client, integration, token } = githubClient(options.integrations, host, { token: input.token, signal: ctx.signal });
      const source = await ctx.resolvePath(input.sourcePath);

      const account = await client.request<{ type: string }>('GET', `/users/${encodeURIComponent(owner)}`).catch((error: unknown) => {
        if (isStatus(error, 404)) throw new InputError(`GitHub has no user or organisation "${owner}"`);
        throw error;
      });
      const settings = {
        name: repo,
        private: input.repoVisibility !== 'public',
        ...(input.repoVisibility === 'internal' ? { visibility: 'internal' } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.homepage !== undefined ? { homepage: input.homepage } : {}),
        delete_branch_on_merge: input.deleteBranchOnMerge,
        allow_merge_commit: input.allowMergeCommit,
        allow_squash_merge: input.allowSquashMerge,
        allow_rebase_merge: input.allowRebaseMerge,
        ...(input.hasIssues !== undefined ? { has_issues: input.hasIssues } : {}),
        ...(input.hasWiki !== undefined ? { has_wiki: input.hasWiki } : {}),
        ...(input.hasProjects !== undefined ? { has_projects: input.hasProjects } : {}),
      };
      const created = await client
        .request<GithubRepo>('POST', account.type === 'Organization' ? `/orgs/${encodeURIComponent(owner)}/repos` : '/user/repos', settings)
        .catch((error: unknown) => {
          if (isStatus(error, 422)) throw new InputError(`Could not create the GitHub repository ${owner}/${repo}: ${(error as Error).message}`);
          throw error;
        });
      ctx.logger.info(`Created GitHub repository ${created.full_name}`);
      const repoPath = `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;

      if (input.topics?.length) await client.request('PUT', `${repoPath}/topics`, { names: input.topics });
      for (const entry of input.collaborators ?? []) {
        if ('user' in entry) await client.request('PUT', `${repoPath}/collaborators/${encodeURIComponent(entry.user)}`, { permission: entry.access });
        else await client.request('PUT', `/orgs/${encodeURIComponent(owner)}/teams/${encodeURIComponent(entry.team)}${repoPath}`, { permission: entry.access });
      }

      const remoteUrl = checkCloneUrl(created.clone_url, githubGitOrigins(integration), 'GitHub');
      let commitHash: string;
      try {
        ({ commitHash } = await pushDirectory({
          source,
          sourceShown: input.sourcePath,
          remoteUrl,
          authorization: `Basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`,
          credentialScope: remoteUrl,
          branch: input.defaultBranch,
          commitMessage: input.gitCommitMessage,
          author: { name: input.gitAuthorName, email: input.gitAuthorEmail },
          logger: ctx.logger,
          signal: ctx.signal,
        }));
      } catch (error) {
        throw new Error(`The repository ${created.html_url} was created, but pushing to it failed: ${(error as Error).message}`, { cause: error });
      }

      if (input.protectDefaultBranch) {
        try {
          await client.request('PUT', `${repoPath}/branches/${encodeURIComponent(input.defaultBranch)}/protection`, {
            required_status_checks: null,
            enforce_admins: input.protectEnforceAdmins,
            required_pull_request_reviews: {
              required_approving_review_count: input.requiredApprovingReviewCount,
              require_code_owner_reviews: input.requireCodeOwnerReviews,
            },
            restrictions: null,
          });
          ctx.logger.info(`Protected branch ${input.defaultBranch}`);
        } catch (error) {
          ctx.logger.warn(`Could not protect branch ${input.defaultBranch} of ${created.full_name}: ${(error as Error).message}`);
        }
      }

      ctx.output('remoteUrl', remoteUrl);
      ctx.output('repoContentsUrl', `${created.html_url}/blob/${input.defaultBranch}`);
      ctx.output('commitHash', commitHash);
    },
  });
}
