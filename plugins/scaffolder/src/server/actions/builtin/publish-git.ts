import { z } from 'zod';
import { gitRemoteFor, type GitIntegration } from '../../git/integrations.js';
import { pushDirectory } from '../../git/push-directory.js';
import { parseRepoUrlOnHost } from '../../git/repo-url.js';
import { createTemplateAction } from '../types.js';

/**
 * `publish:git`: commits a folder of the workspace and pushes it to a git remote over HTTP(S),
 * with the host's credentials from `integrations` sent as a header scoped to that host.
 */
export function createPublishGitAction(options: { integrations: readonly GitIntegration[] }) {
  return createTemplateAction({
    id: 'publish:git',
    description: 'Initialises a git repository from the workspace (or sourcePath), commits and pushes it to a remote over HTTP(S).',
    supportsDryRun: false,
    examples: [
      {
        description: 'Publish to the company git server',
        example: 'action: publish:git\ninput:\n  repoUrl: ${{ parameters.repoUrl }}\n  defaultBranch: main',
      },
    ],
    schema: {
      input: z.object({
        repoUrl: z.string().min(1).describe('host?owner=<owner>&repo=<repo>'),
        description: z.string().optional(),
        defaultBranch: z.string().regex(/^[A-Za-z0-9._/-]+$/).refine((value) => !value.includes('..') && !value.startsWith('-')).default('main'),
        sourcePath: z.string().default('./').describe('Folder of the workspace to publish'),
        gitCommitMessage: z.string().min(1).default('Initial commit'),
        gitAuthorName: z.string().min(1).default('Portico Scaffolder'),
        gitAuthorEmail: z.string().min(3).default('scaffolder@portico.invalid'),
      }),
      output: z.object({ remoteUrl: z.string(), repoContentsUrl: z.string(), commitHash: z.string() }),
    },
    async handler(ctx) {
      const input = ctx.input;
      const target = parseRepoUrlOnHost(input.repoUrl);
      const remote = gitRemoteFor(options.integrations, target);
      const { commitHash } = await pushDirectory({
        source: await ctx.resolvePath(input.sourcePath),
        sourceShown: input.sourcePath,
        remoteUrl: remote.remoteUrl,
        ...(remote.authorization ? { authorization: remote.authorization } : {}),
        credentialScope: remote.credentialScope,
        branch: input.defaultBranch,
        commitMessage: input.gitCommitMessage,
        author: { name: input.gitAuthorName, email: input.gitAuthorEmail },
        logger: ctx.logger,
        signal: ctx.signal,
      });
      ctx.output('remoteUrl', remote.remoteUrl);
      ctx.output('repoContentsUrl', remote.repoContentsUrl);
      ctx.output('commitHash', commitHash);
    },
  });
}
