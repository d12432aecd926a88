import { InputError } from '@portico/model';
import { z } from 'zod';
import { BRANCH_NAME, pushDirectory } from '../../git/push-directory.js';
import type { GitlabIntegration } from '../../integrations/scm-integrations.js';
import { parseRepoUrlOnHost } from '../../git/repo-url.js';
import { checkCloneUrl } from '../../scm/repo-target.js';
import { isStatus, RestClient } from '../../scm/rest-client.js';
import { createTemplateAction } from '../types.js';

interface GitlabProject {
  id: number;
  http_url_to_repo: string;
  web_url: string;
  path_with_namespace: string;
}

const SEGMENT = /^[A-Za-z0-9._-]+$/;

/**
 * `publish:gitlab`: creates a project in a GitLab group (or user namespace) through the REST API
 * and pushes the workspace to it. Inputs and outputs follow Backstage's action.
 */
export function createPublishGitlabAction(options: { integrations: readonly GitlabIntegration[] }) {
  return createTemplateAction({
    id: 'publish:gitlab',
    description: 'Creates a GitLab project and pushes the workspace (or sourcePath) to it.',
    supportsDryRun: false,
    examples: [{ description: 'Publish to a group', example: 'action: publish:gitlab\ninput:\n  repoUrl: gitlab.com?owner=acme%2Fplatform&repo=${{ parameters.name }}' }],
    schema: {
      input: z.object({
        repoUrl: z.string().min(1).describe('gitlab.com?owner=<group path>&repo=<project>'),
        description: z.string().optional(),
        repoVisibility: z.enum(['private', 'internal', 'public']).default('private'),
        defaultBranch: z.string().regex(BRANCH_NAME).default('master'),
        topics: z.array(z.string().min(1)).optional(),
        sourcePath: z.string().default('./'),
        gitCommitMessage: z.string().min(1).default('initial commit'),
        gitAuthorName: z.string().min(1).default('Portico Scaffolder'),
        gitAuthorEmail: z.string().min(3).default('scaffolder@portico.invalid'),
        token: z.string().optional(),
      }),
      output: z.object({ remoteUrl: z.string(), repoContentsUrl: z.string(), projectId: z.number(), commitHash: z.string(), created: z.boolean() }),
    },
    async handler(ctx) {
      const input = ctx.input;
      const { host, owner, repo } = parseRepoUrlOnHost(input.repoUrl);
      if (!owner.split('/').every((part) => SEGMENT.test(part) && part !== '..') || !SEGMENT.test(repo) || repo === '..') {
        throw new InputError(`The GitLab namespace "${owner}" or project "${repo}" is not a valid path`);
      }
      const integration = options.integrations.find((candidate) => candidate.host.toLowerCase() === host.toLowerCase());
      if (!integration) throw new InputError(`No GitLab integration is configured for host "${host}" (integrations.gitlab)`);
      const token = input.token ?? integration.token;
      if (!token) throw new InputError(`The GitLab integration for "${host}" has no token, and the step gave none`);
      const client = new RestClient({ provider: 'GitLab', apiBaseUrl: integration.apiBaseUrl, headers: { 'private-token': token }, signal: ctx.signal });
      const source = await ctx.resolvePath(input.sourcePath);

      const namespace = await client.request<{ id: number }>('GET', `/namespaces/${encodeURIComponent(owner)}`).catch((error: unknown) => {
        if (isStatus(error, 404)) throw new InputError(`GitLab has no group or user namespace "${owner}"`);
        throw error;
      });
      const project = await client
        .request<GitlabProject>('POST', '/projects', {
          name: repo,
          path: repo,
          namespace_id: namespace.id,
          visibility: input.repoVisibility,
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(input.topics ? { topics: input.topics } : {}),
        })
        .catch((error: unknown) => {
          if (isStatus(error, 400) || isStatus(error, 409) || isStatus(error, 422)) {
            throw new InputError(`Could not create the GitLab project ${owner}/${repo}: ${(error as Error).message}`);
          }
          throw error;
        });
      ctx.logger.info(`Created GitLab project ${project.path_with_namespace} (${project.id})`);

      const remoteUrl = checkCloneUrl(project.http_url_to_repo, [new URL(integration.baseUrl).origin, new URL(integration.apiBaseUrl).origin], 'GitLab');
      let commitHash: string;
      try {
        ({ commitHash } = await pushDirectory({
          source,
          sourceShown: input.sourcePath,
          remoteUrl,
          authorization: `Basic ${Buffer.from(`oauth2:${token}`).toString('base64')}`,
          credentialScope: remoteUrl,
          branch: input.defaultBranch,
          commitMessage: input.gitCommitMessage,
          author: { name: input.gitAuthorName, email: input.gitAuthorEmail },
          logger: ctx.logger,
          signal: ctx.signal,
        }));
      } catch (error) {
        throw new Error(`The project ${project.web_url} was created, but pushing to it failed: ${(error as Error).message}`, { cause: error });
      }
      const browse = remoteUrl.replace(/\.git$/, '');
      ctx.output('remoteUrl', browse);
      ctx.output('repoContentsUrl', `${browse}/-/blob/${input.defaultBranch}`);
      ctx.output('projectId', project.id);
      ctx.output('commitHash', commitHash);
      ctx.output('created', true);
    },
  });
}
