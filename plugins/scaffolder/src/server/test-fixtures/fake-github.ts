import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { serveGitHttpBackend } from './git-http-backend.js';

const run = promisify(execFile);

interface TreeItem {
  mode: string;
  sha: string;
}
interface FakeRepo {
  owner: string;
  name: string;
  settings: Record<string, unknown>;
  defaultBranch: string;
  topics: string[];
  collaborators: Record<string, string>;
  protection: Record<string, unknown>;
  /** The git data API's objects (for pull requests); pushes go to a real bare repository instead. */
  blobs: Map<string, Buffer>;
  trees: Map<string, Map<string, TreeItem>>;
  commits: Map<string, { tree: string; parents: string[]; message: string }>;
  refs: Map<string, string>;
  pulls: { number: number; title: string; head: string; base: string; body: string; draft: boolean; reviewers: unknown }[];
}

export interface FakeGithub {
  /** e.g. http://127.0.0.1:40123 (html and clone URLs live here) */
  baseUrl: string;
  /** `<baseUrl>/api/v3` */
  apiBaseUrl: string;
  token: string;
  /** Every API request, with the authorization header it carried. */
  requests: { method: string; path: string; authorization?: string; body?: unknown }[];
  repo(owner: string, name: string): FakeRepo | undefined;
  /** Adds an existing repository with files on a branch (in the git data API's store). */
  seedRepo(owner: string, name: string, files: Record<string, string>, branch?: string): void;
  /** The files at a branch of a seeded repository, after pull request commits. */
  filesAt(owner: string, name: string, branch: string): Record<string, { content: string; mode: string }>;
  /** Makes the next clone URLs point at another origin (to test that credentials stay home). */
  cloneOrigin: string | undefined;
  /** Answers git pushes with 403 (a push that fails after the repository was created). */
  rejectPushes: boolean;
  clone(owner: string, name: string, branch: string): Promise<string>;
  close(): Promise<void>;
}

const sha = (value: unknown) => crypto.createHash('sha1').update(JSON.stringify(value)).digest('hex');

/**
 * A stand-in for GitHub's REST API, since no GitHub is reachable from this machine: the
 * endpoints `publish:github` and `publish:github:pull-request` call, with GitHub's paths,
 * status codes and response fields, plus a real git smart-HTTP server (git http-backend) for
 * the push, which requires the token as GitHub does (`x-access-token:<token>`).
 */
export async function startFakeGithub(options: { token: string; users: Record<string, 'User' | 'Organization'>; login: string }): Promise<FakeGithub> {
  const gitRoot = await mkdtemp(path.join(tmpdir(), 'portico-fake-github-'));
  const repos = new Map<string, FakeRepo>();
  const requests: FakeGithub['requests'] = [];
  const clones: string[] = [];
  let baseUrl = '';

  const newRepo = (owner: string, name: string, settings: Record<string, unknown>, defaultBranch = 'main'): FakeRepo => {
    const repo: FakeRepo = {
      owner, name, settings, defaultBranch, topics: [], collaborators: {}, protection: {},
      blobs: new Map(), trees: new Map(), commits: new Map(), refs: new Map(), pulls: [],
    };
    repos.set(`${owner}/${name}`.toLowerCase(), repo);
    return repo;
  };
  const describe = (repo: FakeRepo) => ({
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    private: repo.settings.private ?? true,
    clone_url: `${fake.cloneOrigin ?? baseUrl}/${repo.owner}/${repo.name}.git`,
    html_url: `${baseUrl}/${repo.owner}/${repo.name}`,
    default_branch: repo.defaultBranch,
  });
  const flatten = (repo: FakeRepo, commitSha: string) => {
    const commit = repo.commits.get(commitSha);
    return commit ? (repo.trees.get(commit.tree) ?? new Map<string, TreeItem>()) : new Map<string, TreeItem>();
  };

  const api = async (method: string, route: string, body: Record<string, unknown>, auth: string | undefined): Promise<[number, unknown]> => {
    if (auth !== `Bearer ${options.token}` && auth !== `token ${options.token}`) return [401, { message: 'Bad credentials' }];
    let match: RegExpExecArray | null;
    if (method === 'GET' && (match = /^\/users\/([^/]+)$/.exec(route))) {
      const login = decodeURIComponent(match[1]!);
      const type = options.users[login];
      return type ? [200, { login, type }] : [404, { message: 'Not Found' }];
    }
    if (method === 'POST' && (route === '/user/repos' || (match = /^\/orgs\/([^/]+)\/repos$/.exec(route)))) {
      const owner = route === '/user/repos' ? options.login : decodeURIComponent(match![1]!);
      const name = String(body.name);
      if (repos.has(`${owner}/${name}`.toLowerCase())) {
        return [422, { message: 'Repository creation failed.', errors: [{ resource: 'Repository', code: 'custom', field: 'name', message: 'name already exists on this account' }] }];
      }
      const repo = newRepo(owner, name, body);
      await mkdir(path.join(gitRoot, owner), { recursive: true });
      await run('git', ['init', '--quiet', '--bare', '--initial-branch=main', path.join(gitRoot, owner, `${name}.git`)]);
      return [201, describe(repo)];
    }
    if (!(match = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(route))) return [404, { message: 'Not Found' }];
    const repo = repos.get(`${decodeURIComponent(match[1]!)}/${decodeURIComponent(match[2]!)}`.toLowerCase());
    if (!repo) return [404, { message: 'Not Found' }];
    const rest = match[3] ?? '';
    if (method === 'GET' && rest === '') return [200, describe(repo)];
    if (method === 'PUT' && rest === '/topics') {
      repo.topics = body.names as string[];
      return [200, { names: repo.topics }];
    }
    if (method === 'PUT' && (match = /^\/collaborators\/([^/]+)$/.exec(rest))) {
      repo.collaborators[decodeURIComponent(match[1]!)] = String(body.permission);
      return [201, {}];
    }
    if (method === 'PUT' && (match = /^\/branches\/(.+)\/protection$/.exec(rest))) {
      const branch = decodeURIComponent(match[1]!);
      const exists = await run('git', ['--git-dir', path.join(gitRoot, repo.owner, `${repo.name}.git`), 'rev-parse', '--verify', `refs/heads/${branch}`]).then(() => true, () => false);
      if (!exists) return [404, { message: 'Branch not found' }];
      repo.protection[branch] = body;
      return [200, body];
    }
    if (method === 'GET' && (match = /^\/git\/ref\/heads\/(.+)$/.exec(rest))) {
      const target = repo.refs.get(decodeURIComponent(match[1]!));
      return target ? [200, { ref: `refs/heads/${match[1]}`, object: { sha: target, type: 'commit' } }] : [404, { message: 'Not Found' }];
    }
    if (method === 'GET' && (match = /^\/git\/commits\/([0-9a-f]+)$/.exec(rest))) {
      const commit = repo.commits.get(match[1]!);
      return commit ? [200, { sha: match[1], tree: { sha: commit.tree }, parents: commit.parents.map((parent) => ({ sha: parent })), message: commit.message }] : [404, { message: 'Not Found' }];
    }
    if (method === 'POST' && rest === '/git/blobs') {
      const content = Buffer.from(String(body.content), body.encoding === 'base64' ? 'base64' : 'utf8');
      const id = sha(['blob', content.toString('base64')]);
      repo.blobs.set(id, content);
      return [201, { sha: id }];
    }
    if (method === 'POST' && rest === '/git/trees') {
      const base = body.base_tree ? repo.trees.get(String(body.base_tree)) : undefined;
      if (body.base_tree && !base) return [422, { message: 'base_tree is not a tree' }];
      const tree = new Map(base ?? []);
      for (const item of body.tree as { path: string; mode: string; sha: string }[]) {
        if (!repo.blobs.has(item.sha)) return [422, { message: `tree.sha ${item.sha} is not a valid blob` }];
        tree.set(item.path, { mode: item.mode, sha: item.sha });
      }
      const id = sha(['tree', [...tree.entries()].sort()]);
      repo.trees.set(id, tree);
      return [201, { sha: id }];
    }
    if (method === 'POST' && rest === '/git/commits') {
      const id = sha(['commit', body, Date.now(), Math.random()]);
      repo.commits.set(id, { tree: String(body.tree), parents: body.parents as string[], message: String(body.message) });
      return [201, { sha: id }];
    }
    if (method === 'POST' && rest === '/git/refs') {
      const ref = String(body.ref).replace(/^refs\/heads\//, '');
      if (repo.refs.has(ref)) return [422, { message: 'Reference already exists' }];
      repo.refs.set(ref, String(body.sha));
      return [201, { ref: body.ref, object: { sha: body.sha } }];
    }
    if (method === 'PATCH' && (match = /^\/git\/refs\/heads\/(.+)$/.exec(rest))) {
      repo.refs.set(decodeURIComponent(match[1]!), String(body.sha));
      return [200, { object: { sha: body.sha } }];
    }
    if (method === 'GET' && rest.startsWith('/pulls?')) {
      const query = new URLSearchParams(rest.slice('/pulls?'.length));
      const head = query.get('head')?.split(':')[1];
      return [200, repo.pulls.filter((pull) => pull.head === head).map((pull) => ({ number: pull.number, html_url: `${baseUrl}/${repo.owner}/${repo.name}/pull/${pull.number}` }))];
    }
    if (method === 'POST' && rest === '/pulls') {
      if (!repo.refs.has(String(body.head))) return [422, { message: 'Validation Failed', errors: [{ field: 'head', code: 'invalid' }] }];
      const number = repo.pulls.length + 1;
      repo.pulls.push({ number, title: String(body.title), head: String(body.head), base: String(body.base), body: String(body.body ?? ''), draft: body.draft === true, reviewers: undefined });
      return [201, { number, html_url: `${baseUrl}/${repo.owner}/${repo.name}/pull/${number}` }];
    }
    if (method === 'POST' && (match = /^\/pulls\/(\d+)\/requested_reviewers$/.exec(rest))) {
      const pull = repo.pulls.find((candidate) => candidate.number === Number(match![1]));
      if (!pull) return [404, { message: 'Not Found' }];
      pull.reviewers = body;
      return [201, {}];
    }
    return [404, { message: 'Not Found' }];
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/v3/')) {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      const route = url.pathname.slice('/api/v3'.length) + url.search;
      requests.push({ method: request.method ?? 'GET', path: route, ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}), ...(text ? { body } : {}) });
      const [status, answer] = await api(request.method ?? 'GET', route, body, request.headers.authorization);
      response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
      return;
    }
    // git over HTTP: every request needs the token, as for private GitHub repositories.
    const expected = `Basic ${Buffer.from(`x-access-token:${options.token}`).toString('base64')}`;
    if (request.headers.authorization !== expected) {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="GitHub"' }).end('authentication required');
      return;
    }
    if (fake.rejectPushes && url.searchParams.get('service') === 'git-receive-pack') {
      response.writeHead(403).end('pushes are disabled');
      return;
    }
    serveGitHttpBackend({ root: gitRoot, request, response, url, remoteUser: 'x-access-token' });
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakeGithub = {
    baseUrl,
    apiBaseUrl: `${baseUrl}/api/v3`,
    token: options.token,
    requests,
    cloneOrigin: undefined,
    rejectPushes: false,
    repo: (owner, name) => repos.get(`${owner}/${name}`.toLowerCase()),
    seedRepo(owner, name, files, branch = 'main') {
      const repo = newRepo(owner, name, { private: true }, branch);
      const tree = new Map<string, TreeItem>();
      for (const [file, content] of Object.entries(files)) {
        const id = sha(['blob', Buffer.from(content).toString('base64')]);
        repo.blobs.set(id, Buffer.from(content));
        tree.set(file, { mode: '100644', sha: id });
      }
      const treeSha = sha(['tree', [...tree.entries()].sort()]);
      repo.trees.set(treeSha, tree);
      const commitSha = sha(['commit', treeSha, 'seed']);
      repo.commits.set(commitSha, { tree: treeSha, parents: [], message: 'seed' });
      repo.refs.set(branch, commitSha);
    },
    filesAt(owner, name, branch) {
      const repo = repos.get(`${owner}/${name}`.toLowerCase());
      const head = repo?.refs.get(branch);
      if (!repo || !head) throw new Error(`No branch ${branch} in ${owner}/${name}`);
      return Object.fromEntries([...flatten(repo, head)].map(([file, item]) => [file, { content: repo.blobs.get(item.sha)!.toString('utf8'), mode: item.mode }]));
    },
    async clone(owner, name, branch) {
      const target = await mkdtemp(path.join(tmpdir(), 'portico-fake-github-clone-'));
      clones.push(target);
      await run('git', ['clone', '--quiet', '--branch', branch, path.join(gitRoot, owner, `${name}.git`), target], {
        env: { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: '1', HOME: target },
      });
      return target;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.all([gitRoot, ...clones].map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
  return fake;
}
