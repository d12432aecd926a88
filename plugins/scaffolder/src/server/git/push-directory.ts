import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InputError } from '@portico/model';
import type { ActionLogger } from '../logging/task-logger.js';
import { gitEnvironment, runGit } from './run-git.js';

export interface PushDirectoryOptions {
  /** The folder whose files become the first commit. */
  source: string;
  /** Shown in errors: the path as the template wrote it. */
  sourceShown: string;
  remoteUrl: string;
  /** `Authorization` header value sent only to URLs under `credentialScope`. */
  authorization?: string;
  credentialScope: string;
  branch: string;
  commitMessage: string;
  author: { name: string; email: string };
  logger: ActionLogger;
  signal: AbortSignal;
}

/**
 * Commits every file of a folder as a new repository and pushes it to one branch of a remote.
 * The repository lives in a temporary folder outside the workspace (a skeleton's `.git/` is
 * never used), and credentials travel only as a header scoped to the remote's prefix.
 */
export async function pushDirectory(options: PushDirectoryOptions): Promise<{ commitHash: string }> {
  if (!(await stat(options.source).catch(() => undefined))?.isDirectory()) {
    throw new InputError(`sourcePath "${options.sourceShown}" is not a folder in the workspace`);
  }
  const gitDir = await mkdtemp(path.join(tmpdir(), 'portico-publish-'));
  try {
    const env = gitEnvironment({
      gitDir,
      workTree: options.source,
      author: options.author,
      config: options.authorization ? { [`http.${options.credentialScope}.extraHeader`]: `Authorization: ${options.authorization}` } : {},
    });
    const git = (args: string[]) => runGit(args, env, { cwd: options.source, logger: options.logger, signal: options.signal });
    await git(['init', '--quiet', `--initial-branch=${options.branch}`]);
    await git(['add', '--all', '--', '.']);
    await git(['commit', '--quiet', '--allow-empty', '--no-verify', '-m', options.commitMessage]);
    const commitHash = (await git(['rev-parse', 'HEAD'])).trim();
    options.logger.info(`Pushing ${commitHash.slice(0, 12)} to ${options.remoteUrl} (${options.branch})`);
    await git(['push', '--quiet', '--', options.remoteUrl, `HEAD:refs/heads/${options.branch}`]);
    return { commitHash };
  } finally {
    await rm(gitDir, { recursive: true, force: true });
  }
}

/** A branch name git and the hosts accept, with no way to pass an option. */
export const BRANCH_NAME = /^(?!-)(?!.*\.\.)(?!.*\/\/)[A-Za-z0-9._/-]+$/;
