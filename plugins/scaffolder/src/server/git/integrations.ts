import { InputError } from '@portico/model';

/**
 * Credentials for one git host (the `integrations` section of the config). A push to that host
 * sends them as an HTTP Authorization header scoped to `baseUrl`; no other host ever sees them.
 */
export interface GitIntegration {
  /** `host[:port]` as written in repo URLs (`host?owner=o&repo=r`). */
  host: string;
  /** Where repositories live; default `https://<host>`. Repos are `<baseUrl>/<owner>/<repo>.git`. */
  baseUrl?: string;
  /** For Basic auth. With only a token, the username defaults to `x-access-token`. */
  username?: string;
  password?: string;
  token?: string;
}

export interface GitRemote {
  /** The URL to push to, without credentials. */
  remoteUrl: string;
  /** Where people browse the repository. */
  repoContentsUrl: string;
  /** The `Authorization` header value, if the host has credentials. */
  authorization?: string;
  /** Prefix the header is scoped to (git's `http.<url>.extraHeader`). */
  credentialScope: string;
}

const SEGMENT = /^[A-Za-z0-9._-]+$/;

function checkSegments(value: string, what: string, allowSlash: boolean): void {
  const parts = allowSlash ? value.split('/') : [value];
  if (parts.some((part) => !SEGMENT.test(part) || part === '.' || part === '..')) {
    throw new InputError(`The repository ${what} "${value}" may contain only letters, digits, ".", "_" and "-"${allowSlash ? ' (and "/" between groups)' : ''}`);
  }
}

/** The secrets of the integrations, for the task's redactor. */
export function integrationSecrets(integrations: readonly GitIntegration[]): string[] {
  return integrations.flatMap((integration) => {
    const out = [integration.password, integration.token].filter((value): value is string => !!value);
    const authorization = authorizationFor(integration);
    if (authorization) out.push(authorization.replace(/^Basic /, ''));
    return out;
  });
}

function authorizationFor(integration: GitIntegration): string | undefined {
  const secret = integration.password ?? integration.token;
  if (!secret) return undefined;
  const username = integration.username ?? (integration.token ? 'x-access-token' : '');
  return `Basic ${Buffer.from(`${username}:${secret}`).toString('base64')}`;
}

/** Finds the remote for `owner/repo` on `host`, with that host's credentials. */
export function gitRemoteFor(
  integrations: readonly GitIntegration[],
  target: { host: string; owner: string; repo: string },
): GitRemote {
  const integration = integrations.find((candidate) => candidate.host.toLowerCase() === target.host.toLowerCase());
  if (!integration) {
    const known = integrations.map((candidate) => candidate.host).join(', ') || 'none';
    throw new InputError(`No git integration is configured for host "${target.host}" (configured: ${known})`);
  }
  checkSegments(target.owner, 'owner', true);
  checkSegments(target.repo.replace(/\.git$/, ''), 'name', false);
  const base = new URL(integration.baseUrl ?? `https://${integration.host}`);
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new InputError(`Git integration "${integration.host}" must use an http or https baseUrl, not ${base.protocol}`);
  }
  if (base.username || base.password) {
    throw new InputError(`Git integration "${integration.host}" has credentials in its baseUrl; put them in username/password or token`);
  }
  const prefix = base.href.endsWith('/') ? base.href : `${base.href}/`;
  const repo = target.repo.replace(/\.git$/, '');
  const remote: GitRemote = {
    remoteUrl: `${prefix}${target.owner}/${repo}.git`,
    repoContentsUrl: `${prefix}${target.owner}/${repo}`,
    credentialScope: prefix,
  };
  const authorization = authorizationFor(integration);
  if (authorization) remote.authorization = authorization;
  return remote;
}
