import { spawn } from 'node:child_process';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Answers one git smart-HTTP request with `git http-backend` (CGI) serving the bare
 * repositories under `root`. `remoteUser` marks the request as authenticated (pushes need it).
 */
export function serveGitHttpBackend(options: {
  root: string;
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  /** The path under `root`, when it differs from the request path (e.g. behind a prefix). */
  pathInfo?: string;
  remoteUser?: string;
}): void {
  const { root, request, response, url } = options;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: '1',
    PATH_INFO: options.pathInfo ?? decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.slice(1),
    REQUEST_METHOD: request.method ?? 'GET',
    CONTENT_TYPE: request.headers['content-type'] ?? '',
    REMOTE_ADDR: '127.0.0.1',
    GIT_CONFIG_NOSYSTEM: '1',
    HOME: root,
  };
  if (options.remoteUser) env.REMOTE_USER = options.remoteUser;
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') env[`HTTP_${name.toUpperCase().replace(/-/g, '_')}`] = value;
  }
  const backend = spawn('git', ['http-backend'], { env });
  backend.stdin.on('error', () => undefined);
  request.pipe(backend.stdin);
  let head = Buffer.alloc(0);
  let headersDone = false;
  backend.stdout.on('data', (chunk: Buffer) => {
    if (headersDone) {
      response.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf('\r\n\r\n');
    if (end === -1) return;
    headersDone = true;
    let status = 200;
    const headers: Record<string, string> = {};
    for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
      else headers[name] = value;
    }
    response.writeHead(status, headers);
    response.write(head.subarray(end + 4));
  });
  backend.stdout.on('end', () => {
    if (!headersDone) response.writeHead(500);
    response.end();
  });
  backend.on('error', () => response.destroy());
}
