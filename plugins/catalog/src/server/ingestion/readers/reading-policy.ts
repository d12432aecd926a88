import dns from 'node:dns/promises';
import net from 'node:net';
import { NotAllowedError } from '@portico/model';

/** One entry of `backend.reading.allow`: a host (`example.com:8080`, `*.example.com`) and optional path prefixes. */
export interface ReadAllowRule {
  host: string;
  paths?: string[];
}

/** A code host from `integrations.github[]` / `integrations.gitlab[]`: always readable; its token goes only to it. */
export interface IntegrationHost {
  provider: 'github' | 'gitlab';
  host: string;
  token?: string;
}

export interface ReadingPolicy {
  allow: ReadAllowRule[];
  integrations: IntegrationHost[];
}

/** Reads `backend.reading.allow` and the integrations from the root config. */
export function readingPolicyFromConfig(rootConfig: { get(path: string): unknown }): ReadingPolicy {
  const allow: ReadAllowRule[] = [];
  const rawAllow = rootConfig.get('backend.reading.allow');
  if (rawAllow !== undefined && !Array.isArray(rawAllow)) {
    throw new Error('backend.reading.allow must be a list of { host, paths? }');
  }
  for (const [index, item] of (rawAllow ?? []).entries()) {
    const record = item as { host?: unknown; paths?: unknown } | null;
    if (!record || typeof record.host !== 'string' || !record.host) {
      throw new Error(`backend.reading.allow[${index}].host must be a host name such as example.com or *.example.com`);
    }
    const paths = record.paths;
    if (paths !== undefined && (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string' && p.startsWith('/')))) {
      throw new Error(`backend.reading.allow[${index}].paths must be a list of paths starting with /`);
    }
    allow.push({ host: record.host.toLowerCase(), ...(paths ? { paths: paths as string[] } : {}) });
  }
  const integrations: IntegrationHost[] = [];
  for (const provider of ['github', 'gitlab'] as const) {
    const list = rootConfig.get(`integrations.${provider}`);
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const record = item as { host?: unknown; token?: unknown } | null;
      const host = typeof record?.host === 'string' ? record.host : provider === 'github' ? 'github.com' : 'gitlab.com';
      const token = typeof record?.token === 'string' && record.token ? record.token : undefined;
      integrations.push({ provider, host: host.toLowerCase(), ...(token ? { token } : {}) });
    }
  }
  return { allow, integrations };
}

export interface AllowedUrl {
  url: URL;
  /** The integration the host belongs to, for its token. */
  integration?: IntegrationHost;
  /** Matched through a `*.` rule: the name must not resolve to a private address. */
  wildcard: boolean;
}

/**
 * Checks a URL against the policy: http(s) only, no credentials in the URL, the host listed in
 * `backend.reading.allow` (exactly, with its port, or under a `*.` wildcard) with a listed path
 * prefix, or an integration host. Throws NotAllowedError saying which rule to add.
 */
export function checkUrlAllowed(raw: string | URL, policy: ReadingPolicy): AllowedUrl {
  let url: URL;
  try {
    url = typeof raw === 'string' ? new URL(raw) : raw;
  } catch {
    throw new NotAllowedError(`"${String(raw)}" is not a valid URL`);
  }
  const shown = redactUrl(url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new NotAllowedError(`Reading ${shown} is not allowed: only http and https URLs can be read`);
  }
  if (url.username || url.password) {
    throw new NotAllowedError(`Reading ${shown} is not allowed: URLs with credentials are never read`);
  }
  const host = url.host.toLowerCase();
  const integration = policy.integrations.find((candidate) => candidate.host === host);
  if (integration) return { url, integration, wildcard: false };
  for (const rule of policy.allow) {
    const wildcard = rule.host.startsWith('*.');
    const hostMatches = wildcard ? host.endsWith(rule.host.slice(1)) : host === rule.host;
    if (!hostMatches) continue;
    if (rule.paths && !rule.paths.some((prefix) => pathHasPrefix(url.pathname, prefix))) continue;
    return { url, wildcard };
  }
  throw new NotAllowedError(
    `Reading ${shown} is not allowed: host ${host} is not in backend.reading.allow (add { host: '${host}' }) or under integrations`,
  );
}

function pathHasPrefix(pathname: string, prefix: string): boolean {
  if (prefix.endsWith('/')) return pathname.startsWith(prefix);
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/**
 * A host matched only through a wildcard could point anywhere; refuse names that resolve to
 * loopback, private or link-local addresses (the cloud metadata service among them).
 */
export async function checkResolvedAddress(allowed: AllowedUrl): Promise<void> {
  if (!allowed.wildcard) return;
  const hostname = allowed.url.hostname;
  const addresses = net.isIP(hostname) ? [{ address: hostname }] : await dns.lookup(hostname, { all: true });
  for (const { address } of addresses) {
    if (isInternalAddress(address)) {
      throw new NotAllowedError(
        `Reading ${redactUrl(allowed.url)} is not allowed: ${hostname} resolves to the internal address ${address}`,
      );
    }
  }
}

export function isInternalAddress(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (net.isIPv4(v4)) {
    const [a = 0, b = 0] = v4.split('.').map(Number);
    return a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127);
  }
  const lower = address.toLowerCase();
  return lower === '::1' || lower === '::' || lower.startsWith('fc') || lower.startsWith('fd') || lower.startsWith('fe80');
}

/** A URL fit for messages and logs: no credentials, no query string (it may hold tokens). */
export function redactUrl(url: URL | string): string {
  try {
    const parsed = new URL(String(url));
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
    return `${parsed.origin}${parsed.pathname}${parsed.search ? '?…' : ''}`;
  } catch {
    return String(url).replace(/\/\/[^@/]*@/, '//');
  }
}
