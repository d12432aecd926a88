import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { NotAllowedError, NotFoundError, ServiceUnavailableError } from '@portico/model';
import { GitCommandError, runGit } from './git-cli.js';
import type { GitTarget } from './git-target.js';
import { globToRegExp, hasGlob } from './glob.js';
import { tooLargeError } from './read-limits.js';
import { checkResolvedAddress, checkUrlAllowed, redactUrl, type IntegrationHost, type ReadingPolicy } from './reading-policy.js';

export interface GitReaderOptions {
  /** Folder for the cached bare repositories. */
  workDir: string;
  /** Keeps this process's fetched refs apart from another process sharing the folder. */
  replicaId?: string;
  policy: ReadingPolicy;
  timeoutMs: number;
  maxBytes: number;
}

/** A fetched ref: the commit it pointed at and the cache folder holding it. */
export interface FetchedRef {
  repo: string;
  ref: string;
  commit: string;
  dir: string;
}

export interface GitBlob {
  path: string;
  sha: string;
  size: number;
}

/**
 * Reads files out of git repositories with the git CLI: one bare repository per URL under the
 * working folder, fetched shallowly (`--depth 1`) at the ref asked for. Fetches of one
 * repository are serialised; https/http repositories must pass the read allow list, `file://`
 * ones only when the location is trusted (comes from the configuration).
 */
export class GitReader {
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(private readonly options: GitReaderOptions) {}

  /** Fetches the ref (once per call; callers cache per refresh) and returns its commit. */
  async fetch(target: GitTarget, trusted: boolean): Promise<FetchedRef> {
    const url = new URL(target.repo);
    const shown = redactUrl(url);
    let integration: IntegrationHost | undefined;
    if (url.protocol === 'file:') {
      if (!trusted) throw new NotAllowedError(`Reading git repository ${shown} is not allowed: file:// repositories are only read from configured locations`);
    } else {
      const allowed = checkUrlAllowed(url, this.options.policy);
      await checkResolvedAddress(allowed);
      integration = allowed.integration;
    }
    const dir = path.join(this.options.workDir, 'git', crypto.createHash('sha1').update(target.repo).digest('hex'));
    return this.serialised(dir, async () => {
      await this.ensureBareRepository(dir);
      const owner = crypto.createHash('sha1').update(this.options.replicaId ?? '').digest('hex').slice(0, 12);
      const localRef = `refs/portico/${owner}/${crypto.createHash('sha1').update(target.ref).digest('hex')}`;
      const env = integration?.token ? authEnv(url, integration) : {};
      try {
        await this.git(['fetch', '--depth=1', '--no-tags', '--quiet', '--', target.repo, `+${target.ref}:${localRef}`], {
          cwd: dir,
          env,
          protocols: url.protocol === 'file:' ? 'file' : 'https:http',
        });
      } catch (error) {
        throw fetchError(shown, target.ref, error);
      }
      const commit = (await this.git(['rev-parse', '--verify', '--quiet', `${localRef}^{commit}`], { cwd: dir })).toString('utf8').trim();
      return { repo: target.repo, ref: target.ref, commit, dir };
    });
  }

  /** The blobs a path or glob names at the fetched commit, sorted by path. */
  async list(fetched: FetchedRef, pattern: string): Promise<GitBlob[]> {
    const args = hasGlob(pattern)
      ? ['ls-tree', '-r', '-l', '--full-tree', fetched.commit]
      : ['ls-tree', '-l', '--full-tree', fetched.commit, '--', pattern];
    const output = (await this.git(args, { cwd: fetched.dir, maxOutputBytes: 64 * 1024 * 1024 })).toString('utf8');
    const matcher = hasGlob(pattern) ? globToRegExp(pattern) : undefined;
    const blobs: GitBlob[] = [];
    for (const line of output.split('\n')) {
      const match = /^\d+ blob ([0-9a-f]+)\s+(\d+)\t(.*)$/.exec(line);
      if (!match) continue;
      const [, sha = '', size = '0', file = ''] = match;
      if (matcher ? matcher.test(file) : file === pattern) blobs.push({ path: file, sha, size: Number(size) });
    }
    return blobs.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** The content of one blob, refused by size before it is read. */
  async read(fetched: FetchedRef, blob: GitBlob, shown: string): Promise<Buffer> {
    if (blob.size > this.options.maxBytes) throw tooLargeError(shown, blob.size, this.options.maxBytes);
    return this.git(['cat-file', 'blob', blob.sha], { cwd: fetched.dir, maxOutputBytes: this.options.maxBytes });
  }

  private async ensureBareRepository(dir: string): Promise<void> {
    try {
      await fs.access(path.join(dir, 'HEAD'));
    } catch {
      await fs.mkdir(dir, { recursive: true });
      await this.git(['init', '--bare', '--quiet', dir], {});
    }
  }

  private git(args: string[], options: { cwd?: string; env?: Record<string, string>; protocols?: string; maxOutputBytes?: number }): Promise<Buffer> {
    return runGit(args, {
      ...(options.cwd ? { cwd: options.cwd } : {}),
      ...(options.env ? { env: options.env } : {}),
      ...(options.maxOutputBytes ? { maxOutputBytes: options.maxOutputBytes } : {}),
      timeoutMs: this.options.timeoutMs,
      allowProtocols: options.protocols ?? 'https:http',
      home: this.options.workDir,
    });
  }

  private async serialised<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(key) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const settled = run.catch(() => undefined);
    this.locks.set(key, settled);
    try {
      return await run;
    } finally {
      if (this.locks.get(key) === settled) this.locks.delete(key);
    }
  }
}

/** The token travels in git config from the environment, scoped to its host, never in argv. */
function authEnv(url: URL, integration: IntegrationHost): Record<string, string> {
  const user = integration.provider === 'gitlab' ? 'oauth2' : 'x-access-token';
  const basic = Buffer.from(`${user}:${integration.token ?? ''}`).toString('base64');
  return {
    GIT_CONFIG_COUNT: '2',
    GIT_CONFIG_KEY_0: `http.${url.protocol}//${url.host}/.extraHeader`,
    GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
    GIT_CONFIG_KEY_1: 'http.followRedirects',
    GIT_CONFIG_VALUE_1: 'false',
  };
}

function fetchError(shown: string, ref: string, error: unknown): Error {
  if (!(error instanceof GitCommandError)) return error as Error;
  const stderr = error.stderr;
  if (/not found|does not appear to be a git repository|repository .* does not exist|HTTP 404/i.test(stderr)) {
    return new NotFoundError(`Git repository ${shown} was not found`);
  }
  if (/couldn't find remote ref|not our ref|invalid refspec/i.test(stderr)) {
    return new NotFoundError(`Git repository ${shown} has no branch, tag or commit "${ref}"`);
  }
  if (/Authentication failed|could not read Username|HTTP 401|HTTP 403/i.test(stderr)) {
    return new NotAllowedError(`Git repository ${shown} refused access (add a token under integrations for its host)`);
  }
  if (/took longer/.test(error.message)) return new ServiceUnavailableError(`Fetching git repository ${shown} ${error.message.replace(/^git fetch /, '')} (catalog.limits.gitTimeout)`);
  return new ServiceUnavailableError(`Could not fetch git repository ${shown}: ${redactText(error.message)}`);
}

function redactText(text: string): string {
  return text.replace(/\/\/[^@/\s]*@/g, '//');
}

export function gitSourceShown(target: GitTarget): string {
  return `${redactUrl(target.repo)}#${target.ref}:${target.path}`;
}

