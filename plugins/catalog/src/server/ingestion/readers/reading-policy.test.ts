import { describe, expect, it } from 'vitest';
import { checkResolvedAddress, checkUrlAllowed, readingPolicyFromConfig, redactUrl } from './reading-policy.js';

const config = (data: Record<string, unknown>) => ({ get: (key: string) => key.split('.').reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], data) });

describe('the read allow list', () => {
  const policy = readingPolicyFromConfig(
    config({
      backend: { reading: { allow: [{ host: 'docs.example.com', paths: ['/catalog/'] }, { host: '*.corp.example', paths: ['/team'] }, { host: 'git.example.com:8443' }] } },
      integrations: { github: [{ host: 'github.com', token: 't' }], gitlab: [{ host: 'gitlab.example.com' }] },
    }),
  );

  it('allows listed hosts, ports, wildcards and path prefixes', () => {
    expect(checkUrlAllowed('https://docs.example.com/catalog/a.yaml', policy).wildcard).toBe(false);
    expect(checkUrlAllowed('https://x.corp.example/team/a.yaml', policy).wildcard).toBe(true);
    expect(checkUrlAllowed('https://x.corp.example/team', policy).url.pathname).toBe('/team');
    expect(checkUrlAllowed('https://git.example.com:8443/a.yaml', policy).url.host).toBe('git.example.com:8443');
    expect(checkUrlAllowed('https://github.com/org/repo/blob/main/catalog-info.yaml', policy).integration).toEqual({ provider: 'github', host: 'github.com', token: 't' });
    expect(checkUrlAllowed('https://gitlab.example.com/a.yaml', policy).integration?.provider).toBe('gitlab');
  });

  it.each([
    ['https://docs.example.com/other/a.yaml', 'host docs.example.com is not in backend.reading.allow'],
    ['https://docs.example.com/catalog/../secret.yaml', 'host docs.example.com is not in backend.reading.allow'],
    ['https://x.corp.example/teams/a.yaml', 'host x.corp.example is not in backend.reading.allow'],
    ['https://corp.example/team/a.yaml', 'host corp.example is not in backend.reading.allow'],
    ['https://git.example.com/a.yaml', 'host git.example.com is not in backend.reading.allow'],
    ['https://github.com.evil.com/a.yaml', 'host github.com.evil.com is not in backend.reading.allow'],
    ['https://evil.com@github.com/a.yaml', 'URLs with credentials are never read'],
    ['http://169.254.169.254/latest/meta-data', 'host 169.254.169.254 is not in backend.reading.allow'],
    ['http://2130706433/a.yaml', 'host 127.0.0.1 is not in backend.reading.allow'],
    ['http://[::ffff:127.0.0.1]/a.yaml', 'host [::ffff:7f00:1] is not in backend.reading.allow'],
    ['file:///etc/passwd', 'only http and https URLs can be read'],
  ])('refuses %s', (url, reason) => {
    expect(() => checkUrlAllowed(url, policy)).toThrow(reason);
  });

  it('refuses a wildcard host that resolves to an internal address', async () => {
    const loopback = readingPolicyFromConfig(config({ backend: { reading: { allow: [{ host: '*.0.0.1' }] } } }));
    await expect(checkResolvedAddress(checkUrlAllowed('http://127.0.0.1/a.yaml', loopback))).rejects.toThrow(
      'Reading http://127.0.0.1/a.yaml is not allowed: 127.0.0.1 resolves to the internal address 127.0.0.1',
    );
  });

  it('rejects a malformed allow list with the key to fix', () => {
    expect(() => readingPolicyFromConfig(config({ backend: { reading: { allow: [{ paths: ['/x'] }] } } }))).toThrow(
      'backend.reading.allow[0].host must be a host name such as example.com or *.example.com',
    );
  });

  it('keeps credentials and query strings out of messages', () => {
    expect(redactUrl('https://user:pw@example.com/a.yaml?token=abc')).toBe('https://example.com/a.yaml?…');
  });
});
