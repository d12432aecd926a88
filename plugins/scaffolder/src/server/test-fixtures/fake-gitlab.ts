import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { serveGitHttpBackend } from './git-http-backend.js';

const run = promisify(execFile);

export interface FakeGitlab {
  baseUrl: string;
  /** `<baseUrl>/api/v4` */
  apiBaseUrl: string;
  projects: { id: number; namespaceId: number; path: string; visibility: string; description?: string; topics?: string[] }[];
  requests: { method: string; path: string; token?: string }[];
  clone(fullPath: string, branch: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A stand-in for GitLab's REST API (no GitLab is reachable here): the namespace lookup and
 * project creation `publish:gitlab` calls, and a real git server for the push, which requires
 * `oauth2:<token>` like GitLab.
 */
export async function startFakeGitlab(options: { token: string; namespaces: Record<string, number> }): Promise<FakeGitlab> {
  const gitRoot = await mkdtemp(path.join(tmpdir(), 'portico-fake-gitlab-'));
  const projects: FakeGitlab['projects'] = [];
  const requests: FakeGitlab['requests'] = [];
  const clones: string[] = [];
  let baseUrl = '';

  const api = async (method: string, route: string, body: Record<string, unknown>): Promise<[number, unknown]> => {
    let match: RegExpExecArray | null;
    if (method === 'GET' && (match = /^\/namespaces\/([^/]+)$/.exec(route))) {
      const fullPath = decodeURIComponent(match[1]!);
      const id = options.namespaces[fullPath];
      return id === undefined ? [404, { message: '404 Namespace Not Found' }] : [200, { id, full_path: fullPath, kind: 'group' }];
    }
    if (method === 'POST' && route === '/projects') {
      const namespace = Object.entries(options.namespaces).find(([, id]) => id === body.namespace_id)?.[0];
      if (!namespace) return [404, { message: '404 Namespace Not Found' }];
      const fullPath = `${namespace}/${String(body.path)}`;
      if (projects.some((project) => `${Object.entries(options.namespaces).find(([, id]) => id === project.namespaceId)?.[0]}/${project.path}` === fullPath)) {
        return [400, { message: { name: ['has already been taken'], path: ['has already been taken'] } }];
      }
      const id = 100 + projects.length;
      projects.push({ id, namespaceId: Number(body.namespace_id), path: String(body.path), visibility: String(body.visibility), ...(body.description ? { description: String(body.description) } : {}), ...(body.topics ? { topics: body.topics as string[] } : {}) });
      await mkdir(path.join(gitRoot, namespace), { recursive: true });
      await run('git', ['init', '--quiet', '--bare', '--initial-branch=main', path.join(gitRoot, `${fullPath}.git`)]);
      return [201, { id, path_with_namespace: fullPath, http_url_to_repo: `${baseUrl}/${fullPath}.git`, web_url: `${baseUrl}/${fullPath}` }];
    }
    return [404, { message: '404 Not Found' }];
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/v4/')) {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      const token = request.headers['private-token'];
      const route = url.pathname.slice('/api/v4'.length);
      requests.push({ method: request.method ?? 'GET', path: route, ...(typeof token === 'string' ? { token } : {}) });
      const [status, answer] = token === options.token ? await api(request.method ?? 'GET', route, text ? (JSON.parse(text) as Record<string, unknown>) : {}) : [401, { message: '401 Unauthorized' }];
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      return;
    }
    if (request.headers.authorization !== `Basic ${Buffer.from(`oauth2:${options.token}`).toString('base64')}`) {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="GitLab"' }).end('HTTP Basic: Access denied');
      return;
    }
    serveGitHttpBackend({ root: gitRoot, request, response, url, remoteUser: 'oauth2' });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    apiBaseUrl: `${baseUrl}/api/v4`,
    projects,
    requests,
    async clone(fullPath, branch) {
      const target = await mkdtemp(path.join(tmpdir(), 'portico-fake-gitlab-clone-'));
      clones.push(target);
      await run('git', ['clone', '--quiet', '--branch', branch, path.join(gitRoot, `${fullPath}.git`), target], { env: { PATH: process.env.PATH, HOME: target, GIT_CONFIG_NOSYSTEM: '1' } });
      return target;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([gitRoot, ...clones].map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}
