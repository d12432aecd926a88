import { spawn } from 'node:child_process';
import type { ActionLogger } from '../logging/task-logger.js';

export interface GitEnvironment {
  /** Repository folder, kept outside the workspace so a skeleton's `.git` is never used. */
  gitDir: string;
  workTree: string;
  author: { name: string; email: string };
  /** Extra `git -c` settings, passed through the environment (never argv, never disk). */
  config?: Record<string, string>;
}

/**
 * The environment every git command runs with: no prompts, no system or user config, no hooks,
 * only http(s) transports, no redirects; settings (including an auth header) come in through
 * GIT_CONFIG_* variables, so they appear neither in argv nor in any file.
 */
export function gitEnvironment(options: GitEnvironment): NodeJS.ProcessEnv {
  const config: Record<string, string> = {
    'core.hooksPath': '/dev/null',
    'http.followRedirects': 'false',
    'credential.helper': '',
    'init.defaultBranch': 'main',
    'commit.gpgSign': 'false',
    ...options.config,
  };
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: options.gitDir,
    LANG: 'C',
    GIT_DIR: options.gitDir,
    GIT_WORK_TREE: options.workTree,
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_ALLOW_PROTOCOL: 'http:https',
    GIT_AUTHOR_NAME: options.author.name,
    GIT_AUTHOR_EMAIL: options.author.email,
    GIT_COMMITTER_NAME: options.author.name,
    GIT_COMMITTER_EMAIL: options.author.email,
    GIT_CONFIG_COUNT: String(Object.keys(config).length),
  };
  Object.entries(config).forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
  });
  return env;
}

export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(`git ${args[0]} failed (exit ${exitCode ?? 'signal'}): ${stderr.trim().split('\n').slice(-5).join(' | ') || 'no output'}`);
    this.name = 'GitCommandError';
  }
}

/** Runs one git command; output goes to the (redacting) logger at debug level. */
export function runGit(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { cwd: string; logger?: ActionLogger; signal?: AbortSignal; stdin?: string },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'], signal: options.signal });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error) => reject(error));
    child.on('close', (code) => {
      const output = `${stdout}${stderr}`.trim();
      if (output) options.logger?.debug(`git ${args[0]}: ${output}`);
      if (code === 0) resolve(stdout);
      else reject(new GitCommandError(args, code, stderr));
    });
    // git may exit before reading stdin (e.g. an early auth failure); that is not our error.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');
  });
}
