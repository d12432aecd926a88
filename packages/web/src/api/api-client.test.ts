import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ResponseError } from '@portico/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from './api-client.js';

interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

describe('createApiClient against a real HTTP server', () => {
  const seen: SeenRequest[] = [];
  let server: http.Server;
  let client: ApiClient;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
        const path = (request.url ?? '').split('?')[0];
        const json = (status: number, value: unknown) =>
          response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
        if (path === '/api/things') return json(200, { items: ['a', 'b'] });
        if (path === '/api/echo') return json(201, { received: JSON.parse(body) as unknown });
        if (path === '/api/empty') return response.writeHead(204).end();
        if (path === '/api/missing') {
          return json(404, {
            error: { name: 'NotFoundError', message: "No entity named 'payments'" },
            request: { method: request.method, url: request.url },
            response: { statusCode: 404 },
          });
        }
        if (path === '/api/html') return response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html>');
        return response.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad gateway</h1>');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = createApiClient({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` });
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const last = (): SeenRequest => {
    const request = seen.at(-1);
    if (request === undefined) throw new Error('the server saw no request');
    return request;
  };

  it('reads JSON and sends no CSRF header on a read', async () => {
    const things = await client.getJson<{ items: string[] }>('/api/things', {
      query: { filter: ['kind=component', 'spec.type=service'], limit: 20, cursor: undefined },
    });
    expect(things.items).toEqual(['a', 'b']);
    expect(last().url).toBe('/api/things?filter=kind%3Dcomponent&filter=spec.type%3Dservice&limit=20');
    expect(last().headers['x-requested-with']).toBeUndefined();
    expect(last().headers.accept).toBe('application/json');
  });

  it('sends the CSRF header and a JSON body on every state-changing method', async () => {
    for (const send of [client.postJson, client.putJson, client.patchJson]) {
      const answer = await send<{ received: unknown }>('/api/echo', { name: 'payments' });
      expect(answer.received).toEqual({ name: 'payments' });
      expect(last().headers['x-requested-with']).toBe('portico');
      expect(last().headers['content-type']).toBe('application/json');
    }
    expect(await client.deleteJson('/api/empty')).toBeUndefined();
    expect(last().method).toBe('DELETE');
    expect(last().headers['x-requested-with']).toBe('portico');
  });

  it("turns Portico's error body into a ResponseError with the server's name and status", async () => {
    const error = await client.getJson('/api/missing').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({ name: 'NotFoundError', message: "No entity named 'payments'", statusCode: 404 });
  });

  it('still yields a ResponseError when an error body is not JSON, e.g. from a proxy', async () => {
    const error = await client.getJson('/api/down').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({ name: 'Error', message: 'Request failed with 502 Bad Gateway', statusCode: 502 });
  });

  it('says which request answered with something that is not JSON', async () => {
    await expect(client.getJson('/api/html')).rejects.toThrow('GET /api/html answered 200 with a body that is not JSON');
  });

  it('checks the body with a parser when one is given', async () => {
    const parse = (body: unknown): string[] => {
      const items = (body as { items?: unknown }).items;
      if (!Array.isArray(items)) throw new Error('items missing');
      return items.map(String);
    };
    expect(await client.getJson('/api/things', { parse })).toEqual(['a', 'b']);
    await expect(client.postJson('/api/echo', {}, { parse })).rejects.toThrow('items missing');
  });
});
