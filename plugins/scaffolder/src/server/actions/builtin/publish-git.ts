import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InputError } from '@portico/model';
import { z } from 'zod';
import { gitRemoteFor, type GitIntegration } from '../../git/integrations.js';
import { gitEnvironment, runGit } from '../../git/run-git.js';
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
      const source = await ctx.resolvePath(input.sourcePath);
      if (!(await stat(source).catch(() => undefined))?.isDirectory()) {
        throw new InputError(`publish:git: sourcePath "${input.sourcePath}" is not a folder in the workspace`);
      }
      const gitDir = await mkdtemp(path.join(tmpdir(), 'portico-publish-'));
      try {
        const env = gitEnvironment({
          gitDir,
          workTree: source,
          author: { name: input.gitAuthorName, email: input.gitAuthorEmail },
          config: remote.authorization ? { [`http.${remote.credentialScope}.extraHeader`]: `Authorization: ${remote.authorization}` } : {},
        });
        const git = (args: string[]) => runGit(args, env, { cwd: source, logger: ctx.logger, signal: ctx.signal });
        await git(['init', '--quiet', `--initial-branch=${input.defaultBranch}`]);
        await git(['add', '--all', '--', '.']);
        await git(['commit', '--quiet', '--allow-empty', '--no-verify', '-m', input.gitCommitMessage]);
        const commitHash = (await git(['rev-parse', 'HEAD'])).trim();
        ctx.logger.info(`Pushing ${commitHash.slice(0, 12)} to ${remote.remoteUrl} (${input.defaultBranch})`);
        await git(['push', '--quiet', '--', remote.remoteUrl, `HEAD:refs/heads/${input.defaultBranch}`]);
        ctx.output('remoteUrl', remote.remoteUrl);
        ctx.output('repoContentsUrl', remote.repoContentsUrl);
        ctx.output('commitHash', commitHash);
      } finally {
        await rm(gitDir, { recursive: true, force: true });
      }
    },
  });
}
