import path from 'node:path';
import { InputError } from '@portico/model';

/** A file (or glob) inside a git repository at a branch, tag or commit. */
export interface GitTarget {
  /** The repository URL: https://, http:// or file://. */
  repo: string;
  /** Branch, tag or commit; `HEAD` (the default branch) when the target leaves it out. */
  ref: string;
  /** Path inside the repository, `/`-separated, no leading `/`. */
  path: string;
}

const SAFE_REF = /^(?!-)(?!.*\.\.)[A-Za-z0-9._/+-]+$/;
const FORM = 'write git targets as <repository URL>#<branch, tag or commit>:<path>, e.g. https://git.example.com/org/repo.git#main:catalog-info.yaml';

/** Parses `https://host/org/repo.git#main:path/to/catalog-info.yaml` (`#path` alone reads HEAD). */
export function parseGitTarget(target: string): GitTarget {
  const hash = target.indexOf('#');
  if (hash === -1) throw new InputError(`Git target "${target}" names no file; ${FORM}`);
  const repo = target.slice(0, hash);
  const fragment = target.slice(hash + 1);
  const colon = fragment.indexOf(':');
  const ref = colon === -1 ? 'HEAD' : fragment.slice(0, colon) || 'HEAD';
  const file = colon === -1 ? fragment : fragment.slice(colon + 1);
  let url: URL;
  try {
    url = new URL(repo);
  } catch {
    throw new InputError(`Git target "${target}" does not start with a repository URL; ${FORM}`);
  }
  if (!['https:', 'http:', 'file:'].includes(url.protocol)) {
    throw new InputError(`Git target "${target}" uses ${url.protocol.slice(0, -1)}; only https, http and file repositories are read`);
  }
  if (!SAFE_REF.test(ref)) throw new InputError(`Git target "${target}" has an invalid ref "${ref}"`);
  const normalized = normalizeRepoPath(file, target);
  return { repo: url.toString(), ref, path: normalized };
}

export function stringifyGitTarget(target: GitTarget): string {
  return `${target.repo}#${target.ref}:${target.path}`;
}

/** Resolves a path relative to a file in the same repository and ref. */
export function resolveInRepository(base: GitTarget, relative: string): GitTarget {
  const joined = relative.startsWith('/') ? relative.slice(1) : path.posix.join(path.posix.dirname(base.path), relative);
  return { ...base, path: normalizeRepoPath(joined, relative) };
}

function normalizeRepoPath(file: string, shown: string): string {
  const normalized = path.posix.normalize(file.replace(/^\/+/, ''));
  if (!normalized || normalized === '.' || normalized.startsWith('../') || normalized === '..') {
    throw new InputError(`Git target "${shown}" has no path inside the repository, or leaves it with ".."`);
  }
  return normalized;
}
