import { InputError } from '@portico/model';
import type { GithubIntegration } from '../integrations/scm-integrations.js';
import { RestClient } from './rest-client.js';

/** The integration for a host, and a REST client with its token (or the step's own token). */
export function githubClient(
  integrations: readonly GithubIntegration[],
  host: string,
  options: { token?: string | undefined; signal: AbortSignal },
): { client: RestClient; integration: GithubIntegration; token: string } {
  const integration = integrations.find((candidate) => candidate.host.toLowerCase() === host.toLowerCase());
  if (!integration) {
    const known = integrations.map((candidate) => candidate.host).join(', ') || 'none';
    throw new InputError(`No GitHub integration is configured for host "${host}" (integrations.github; configured: ${known})`);
  }
  const token = options.token ?? integration.token;
  if (!token) throw new InputError(`The GitHub integration for "${host}" has no token, and the step gave none`);
  const client = new RestClient({
    provider: 'GitHub',
    apiBaseUrl: integration.apiBaseUrl,
    headers: { authorization: `Bearer ${token}`, 'x-github-api-version': '2022-11-28', 'user-agent': 'portico-scaffolder' },
    signal: options.signal,
  });
  return { client, integration, token };
}

/** Origins a GitHub host serves git from: the host itself, and its API's origin (GitHub Enterprise, tests). */
export function githubGitOrigins(integration: GithubIntegration): string[] {
  return [`https://${integration.host}`, new URL(integration.apiBaseUrl).origin];
}

export interface GithubRepo {
  name: string;
  full_name: string;
  clone_url: string;
  html_url: string;
  default_branch: string;
}
