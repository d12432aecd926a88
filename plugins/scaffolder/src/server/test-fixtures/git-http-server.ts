import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { serveGitHttpBackend } from './git-http-backend.js';

const run = promisify(execFile);

export interface GitHttpServer {
  /** e.g. http://127.0.0.1:43123 */
  baseUrl: string;
  /** Folder holding the bare repositories. */
  root: string;
  /** Authorization headers (and URLs) the server received, to check where credentials went. */
  requests: { method: string; url: string; authorization?: string }[];
  /** Clones a branch of a repository into a new folder and returns it. */
  clone(repoPath: string, branch?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real git smart-HTTP server on loopback: node:http in front of `git http-backend` (CGI).
 * Reads are anonymous; pushes need Basic auth with the given user, and create the bare
 * repository on first push (like hosted git servers that create repos on push).
 */
export async function startGitHttpServer(credentials: { username: string; password: string }): Promise<GitHttpServer> {
  const root = await mkdtemp(path.join(tmpdir(), 'portico-git-server-'));
  const requests: GitHttpServer['requests'] = [];
  const clones: string[] = [];
  const expected = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    requests.push({ method: request.method ?? 'GET', url: url.pathname + url.search, ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}) });
    const isPush = url.searchParams.get('service') === 'git-receive-pack' || url.pathname.endsWith('/git-receive-pack');
    const authorized = request.headers.authorization === expected;
    if (isPush && !authorized) {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="portico-test"' }).end('authentication required');
      return;
    }
    const repoMatch = /^\/(.+?\.git)\//.exec(url.pathname);
    if (isPush && repoMatch?.[1] && !existsSync(path.join(root, repoMatch[1]))) {
      await mkdir(path.join(root, repoMatch[1]), { recursive: true });
      await run('git', ['init', '--quiet', '--bare', '--initial-branch=main', path.join(root, repoMatch[1])]);
    }
    serveGitHttpBackend({ root, request, response, url, ...(authorized ? { remoteUser: credentials.username } : {}) });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    root,
    requests,
    async clone(repoPath, branch = 'main') {
      const target = await mkdtemp(path.join(tmpdir(), 'portico-git-clone-'));
      clones.push(target);
      await run('git', ['clone', '--quiet', '--branch', branch, `${baseUrl}/${repoPath}`, target], {
        env: { PATH: process.env.PATH, GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_NOSYSTEM: '1', HOME: target },
      });
      return target;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([root, ...clones].map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}
