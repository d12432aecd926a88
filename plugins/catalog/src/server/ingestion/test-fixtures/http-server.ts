import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestHttpServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>`, as backend.reading.allow names it. */
  host: string;
  requests: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders }>;
  close(): Promise<void>;
}

/** A real HTTP server on a random loopback port. */
export async function startHttpServer(handler: http.RequestListener): Promise<TestHttpServer> {
  const requests: TestHttpServer['requests'] = [];
  const server = http.createServer((request, response) => {
    requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Serves a map of paths to bodies (or to handlers); everything else is a 404. */
export function routes(table: Record<string, string | http.RequestListener>): http.RequestListener {
  return (request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const entry = table[path];
    if (entry === undefined) {
      response.writeHead(404).end('not found');
    } else if (typeof entry === 'string') {
      response.writeHead(200, { 'content-type': 'application/yaml' }).end(entry);
    } else {
      entry(request, response);
    }
  };
}
