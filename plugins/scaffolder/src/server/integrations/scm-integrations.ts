import { z } from 'zod';
import type { GitIntegration } from '../git/integrations.js';

/** A GitHub (or GitHub Enterprise) host from `integrations.github[]`, Backstage's keys. */
export interface GithubIntegration {
  host: string;
  /** REST API root: https://api.github.com for github.com, https://<host>/api/v3 otherwise. */
  apiBaseUrl: string;
  token?: string;
}

/** A GitLab host from `integrations.gitlab[]`, Backstage's keys. */
export interface GitlabIntegration {
  host: string;
  /** REST API root, https://<host>/api/v4 by default. */
  apiBaseUrl: string;
  /** Where people browse, https://<host> by default. */
  baseUrl: string;
  token?: string;
}

export interface ScmIntegrations {
  /** Plain git servers (`integrations.git[]`), for `publish:git`. */
  git: GitIntegration[];
  github: GithubIntegration[];
  gitlab: GitlabIntegration[];
}

const host = z.string().min(1).regex(/^[A-Za-z0-9.-]+(:\d+)?$/, 'a host name, optionally with :port');
const httpUrl = z.string().url().refine((value) => /^https?:\/\//.test(value), 'an http or https URL');

const gitSchema = z
  .object({ host, baseUrl: httpUrl.optional(), username: z.string().optional(), password: z.string().optional(), token: z.string().optional() })
  .strict();
const githubSchema = z.object({ host: host.default('github.com'), apiBaseUrl: httpUrl.optional(), token: z.string().optional() }).passthrough();
const gitlabSchema = z
  .object({ host: host.default('gitlab.com'), apiBaseUrl: httpUrl.optional(), baseUrl: httpUrl.optional(), token: z.string().optional() })
  .passthrough();

const integrationsSchema = z
  .object({
    git: z.array(gitSchema).default([]),
    github: z.array(githubSchema).default([]),
    gitlab: z.array(gitlabSchema).default([]),
  })
  .passthrough();

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/**
 * Reads the `integrations` section of the config: the code hosts the publish actions may write
 * to, each with its credentials. A malformed entry stops the start with its key path.
 */
export function readScmIntegrations(rootConfig: { get(path: string): unknown }): ScmIntegrations {
  const parsed = integrationsSchema.safeParse(rootConfig.get('integrations') ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = ['integrations', ...(issue?.path ?? []).map(String)].join('.');
    throw new Error(`config: ${where}: ${issue?.message ?? 'invalid'}`);
  }
  const { git, github, gitlab } = parsed.data;
  return {
    git: git.map((entry) => ({ ...entry })),
    github: github.map((entry) => ({
      host: entry.host,
      apiBaseUrl: trimSlash(entry.apiBaseUrl ?? (entry.host === 'github.com' ? 'https://api.github.com' : `https://${entry.host}/api/v3`)),
      ...(entry.token ? { token: entry.token } : {}),
    })),
    gitlab: gitlab.map((entry) => ({
      host: entry.host,
      apiBaseUrl: trimSlash(entry.apiBaseUrl ?? `https://${entry.host}/api/v4`),
      baseUrl: trimSlash(entry.baseUrl ?? `https://${entry.host}`),
      ...(entry.token ? { token: entry.token } : {}),
    })),
  };
}

/** Every credential of every integration, for the task's redactor. */
export function scmSecrets(integrations: ScmIntegrations): string[] {
  return [
    ...integrations.github.flatMap((entry) => (entry.token ? [entry.token] : [])),
    ...integrations.gitlab.flatMap((entry) => (entry.token ? [entry.token] : [])),
  ];
}
