import { InputError } from '@portico/model';

/**
 * Reads `host?owner=o&repo=r` on the host side (publish actions need it outside templates).
 * Same rules as the template filter: each key once, host without path or credentials.
 */
export function parseRepoUrlOnHost(repoUrl: string): { host: string; owner: string; repo: string } {
  const question = repoUrl.indexOf('?');
  const host = question === -1 ? repoUrl : repoUrl.slice(0, question);
  if (!host || /[/\\\s@#?]/.test(host)) {
    throw new InputError(`repoUrl "${repoUrl}" has no valid host before "?"; write it as "host?owner=<owner>&repo=<repo>"`);
  }
  const params = new URLSearchParams(question === -1 ? '' : repoUrl.slice(question + 1));
  const single = (key: string): string => {
    const values = params.getAll(key);
    if (values.length > 1) throw new InputError(`repoUrl "${repoUrl}" gives "${key}" more than once`);
    const value = values[0];
    if (!value) throw new InputError(`repoUrl "${repoUrl}" is missing "${key}"; write it as "host?owner=<owner>&repo=<repo>"`);
    return value;
  };
  return { host, owner: single('owner'), repo: single('repo') };
}
