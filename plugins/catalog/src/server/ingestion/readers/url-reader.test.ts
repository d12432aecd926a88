import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes, startHttpServer, type TestHttpServer } from '../test-fixtures/http-server.js';
import type { ReadingPolicy } from './reading-policy.js';
import { readUrl, type UrlReadOptions } from './url-reader.js';

describe('readUrl against a real HTTP server on loopback', () => {
  let server: TestHttpServer;
  let other: TestHttpServer;
  let options: UrlReadOptions;

  beforeAll(async () => {
    other = await startHttpServer(routes({ '/secret.yaml': 'kind: Secret\n' }));
    server = await startHttpServer(
      routes({
        '/catalog.yaml': (request, response) => {
          if (request.headers['if-none-match'] === '"v1"') response.writeHead(304).end();
          else response.writeHead(200, { etag: '"v1"', 'content-type': 'application/yaml' }).end('kind: Component\n');
        },
        '/moved.yaml': (_request, response) => response.writeHead(302, { location: '/catalog.yaml' }).end(),
        '/to-other.yaml': (_request, response) => response.writeHead(301, { location: `${other.url}/secret.yaml` }).end(),
        '/loop.yaml': (_request, response) => response.writeHead(302, { location: '/loop.yaml' }).end(),
        '/huge.yaml': (_request, response) => response.writeHead(200, { 'content-length': String(50 * 1024 * 1024) }).end(),
        '/stream.yaml': (_request, response) => {
          response.writeHead(200);
          response.write('a'.repeat(700));
          response.end('b'.repeat(700));
        },
        '/broken.yaml': (_request, response) => response.writeHead(500).end('boom'),
        '/slow.yaml': () => undefined,
        '/latin1.yaml': (_request, response) => response.writeHead(200).end(Buffer.from([0x6b, 0x3a, 0x20, 0xe9, 0x0a])),
        '/auth.yaml': (request, response) => response.writeHead(200).end(`auth: ${request.headers.authorization ?? 'none'}\n`),
        '/auth-to-other.yaml': (_request, response) => response.writeHead(302, { location: `${other.url}/secret.yaml` }).end(),
      }),
    );
    const policy: ReadingPolicy = { allow: [{ host: server.host }], integrations: [] };
    options = { policy, maxBytes: 1024, timeoutMs: 2_000, maxRedirects: 3 };
  });
  afterAll(async () => {
    await server.close();
    await other.close();
  });

  it('reads text and its ETag, and answers unchanged on a 304', async () => {
    const first = await readUrl(`${server.url}/catalog.yaml`, options);
    expect(first).toEqual({ unchanged: false, text: 'kind: Component\n', etag: '"v1"', finalUrl: `${server.url}/catalog.yaml` });
    expect(await readUrl(`${server.url}/catalog.yaml`, { ...options, etag: '"v1"' })).toEqual({ unchanged: true });
  });

  it('follows a redirect within the allow list', async () => {
    const result = await readUrl(`${server.url}/moved.yaml`, options);
    expect(result).toMatchObject({ text: 'kind: Component\n', finalUrl: `${server.url}/catalog.yaml` });
  });

  it('refuses a host that is not allowed, before any request', async () => {
    const before = other.requests.length;
    await expect(readUrl(`${other.url}/secret.yaml`, options)).rejects.toThrow(
      `Reading ${other.url}/secret.yaml is not allowed: host ${other.host} is not in backend.reading.allow (add { host: '${other.host}' }) or under integrations`,
    );
    expect(other.requests.length).toBe(before);
  });

  it('refuses a redirect to a host that is not allowed, without following it', async () => {
    const before = other.requests.length;
    await expect(readUrl(`${server.url}/to-other.yaml`, options)).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: `${server.url}/to-other.yaml redirected to ${other.url}/secret.yaml, which may not be read: Reading ${other.url}/secret.yaml is not allowed: host ${other.host} is not in backend.reading.allow (add { host: '${other.host}' }) or under integrations`,
    });
    expect(other.requests.length).toBe(before);
  });

  it('stops after too many redirects', async () => {
    await expect(readUrl(`${server.url}/loop.yaml`, options)).rejects.toThrow(`${server.url}/loop.yaml redirected more than 3 times (catalog.limits.maxRedirects)`);
  });

  it('refuses a body larger than the limit, by its Content-Length or while streaming', async () => {
    await expect(readUrl(`${server.url}/huge.yaml`, options)).rejects.toThrow(
      `${server.url}/huge.yaml is 52428800 bytes, more than the limit of 1024 bytes (catalog.limits.maxFileBytes)`,
    );
    await expect(readUrl(`${server.url}/stream.yaml`, options)).rejects.toThrow(
      `${server.url}/stream.yaml is larger than the limit of 1024 bytes (catalog.limits.maxFileBytes)`,
    );
  });

  it('names the status of a failed read, and a missing file as not found', async () => {
    await expect(readUrl(`${server.url}/missing.yaml`, options)).rejects.toMatchObject({
      name: 'NotFoundError',
      message: `${server.url}/missing.yaml was not found (HTTP 404)`,
    });
    await expect(readUrl(`${server.url}/broken.yaml`, options)).rejects.toThrow(`Reading ${server.url}/broken.yaml failed: HTTP 500 Internal Server Error`);
  });

  it('says when a host cannot be reached or answers too slowly', async () => {
    const closed = await startHttpServer(routes({}));
    await closed.close();
    await expect(readUrl(`${closed.url}/catalog.yaml`, { ...options, policy: { allow: [{ host: closed.host }], integrations: [] } })).rejects.toThrow(
      `Could not reach ${closed.url}/catalog.yaml: ECONNREFUSED`,
    );
    await expect(readUrl(`${server.url}/slow.yaml`, { ...options, timeoutMs: 300 })).rejects.toThrow(
      `Reading ${server.url}/slow.yaml took longer than 300 ms (catalog.limits.readTimeout)`,
    );
  });

  it('refuses text that is not UTF-8', async () => {
    await expect(readUrl(`${server.url}/latin1.yaml`, options)).rejects.toThrow(`${server.url}/latin1.yaml is not valid UTF-8 text`);
  });

  it('sends an integration token to its own host only, never along a redirect', async () => {
    const policy: ReadingPolicy = { allow: [{ host: other.host }], integrations: [{ provider: 'github', host: server.host, token: 'secret-token' }] };
    expect(await readUrl(`${server.url}/auth.yaml`, { ...options, policy })).toMatchObject({ text: 'auth: Bearer secret-token\n' });
    const before = other.requests.length;
    await readUrl(`${server.url}/auth-to-other.yaml`, { ...options, policy });
    expect(other.requests.slice(before).map((request) => request.headers.authorization)).toEqual([undefined]);
  });
});
