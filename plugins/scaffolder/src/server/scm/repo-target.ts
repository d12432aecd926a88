import { InputError } from '@portico/model';
import { parseRepoUrlOnHost } from '../git/repo-url.js';

const NAME = /^[A-Za-z0-9._-]+$/;

/** `host?owner=o&repo=r` checked for a hosted provider: owner and name are single path segments. */
export function parseHostedRepoUrl(repoUrl: string, provider: string): { host: string; owner: string; repo: string } {
  const target = parseRepoUrlOnHost(repoUrl);
  for (const [what, value] of [['owner', target.owner], ['name', target.repo]] as const) {
    if (!NAME.test(value) || value === '.' || value === '..') {
      throw new InputError(`The ${provider} repository ${what} "${value}" may contain only letters, digits, ".", "_" and "-"`);
    }
  }
  return target;
}

/**
 * Credentials go only where the host's API said the repository lives: the clone URL must be on
 * the integration's own origin (its host, or its API's origin), over http(s).
 */
export function checkCloneUrl(cloneUrl: string, allowedOrigins: readonly string[], provider: string): string {
  let url: URL;
  try {
    url = new URL(cloneUrl);
  } catch {
    throw new InputError(`${provider} returned a clone URL that is not a URL: ${cloneUrl}`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password || !allowedOrigins.includes(url.origin)) {
    throw new InputError(`${provider} returned the clone URL ${url.origin}${url.pathname}, which is not on the integration's host; refusing to send credentials there`);
  }
  return url.href;
}
