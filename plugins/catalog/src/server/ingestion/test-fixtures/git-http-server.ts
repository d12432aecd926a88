import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHttpServer, type TestHttpServer } from './http-server.js';

const gitEnv = {
  ...process.env,
  GIT_TERMINAL_PROMPT: '0',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
};

function git(args: string[], cwd?: string): string {
  return execFileSync('git', args, { cwd, env: gitEnv, encoding: 'utf8' });
}

export interface TestGitServer extends TestHttpServer {
  /** Folder holding the bare repositories (`<name>.git`). */
  root: string;
  /** Creates or replaces a repository's branch with these files; returns the commit. */
  commit(repo: string, files: Record<string, string>, options?: { branch?: string; tag?: string }): string;
  /** `http://127.0.0.1:<port>/<repo>.git` */
  repoUrl(repo: string): string;
  /** `file://<root>/<repo>.git` */
  fileUrl(repo: string): string;
}

/**
 * A real git server on loopback: node:http in front of `git http-backend` (smart HTTP), serving
 * bare repositories from a temporary folder, as research/stack.md §5 describes.
 */
export async function startGitServer(): Promise<TestGitServer> {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'portico-git-')));
  const server = await startHttpServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      REQUEST_METHOD: request.method ?? 'GET',
      CONTENT_TYPE: request.headers['content-type'] ?? '',
      CONTENT_LENGTH: request.headers['content-length'] ?? '',
      REMOTE_ADDR: '127.0.0.1',
    };
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string') env[`HTTP_${name.toUpperCase().replace(/-/g, '_')}`] = value;
    }
    const backend = spawn('git', ['http-backend'], { env });
    request.pipe(backend.stdin);
    let head = Buffer.alloc(0);
    let headerDone = false;
    backend.stdout.on('data', (chunk: Buffer) => {
      if (headerDone) {
        response.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) return;
      headerDone = true;
      let status = 200;
      for (const line of head.subarray(0, end).toString('utf8').split('\r\n')) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
        else response.setHeader(name, value);
      }
      response.writeHead(status);
      response.write(head.subarray(end + 4));
    });
    backend.stdout.on('end', () => response.end());
    backend.on('error', () => response.writeHead(500).end());
  });

  const commit: TestGitServer['commit'] = (repo, files, options = {}) => {
    const bare = path.join(root, `${repo}.git`);
    if (!fs.existsSync(bare)) git(['init', '--bare', '--quiet', '--initial-branch=main', bare]);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-git-work-'));
    try {
      git(['init', '--quiet', '--initial-branch=main', work]);
      for (const [file, text] of Object.entries(files)) {
        const full = path.join(work, file);
        fs.mkdirSync(path.dirname(full), { recursive: true });
        fs.writeFileSync(full, text);
      }
      git(['add', '-A'], work);
      git(['commit', '--quiet', '-m', 'catalog'], work);
      const branch = options.branch ?? 'main';
      git(['push', '--quiet', '--force', bare, `HEAD:refs/heads/${branch}`], work);
      if (options.tag) git(['push', '--quiet', '--force', bare, `HEAD:refs/tags/${options.tag}`], work);
      return git(['rev-parse', 'HEAD'], work).trim();
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  };

  return {
    ...server,
    root,
    commit,
    repoUrl: (repo) => `${server.url}/${repo}.git`,
    fileUrl: (repo) => `file://${path.join(root, `${repo}.git`)}`,
    close: async () => {
      await server.close();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
