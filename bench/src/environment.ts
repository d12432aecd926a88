import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { porticoDir } from './paths.js';

/** Versions and machine facts recorded with every run, so numbers can be traced to code. */
export function runEnvironment(): Record<string, unknown> {
  const version = (file: string): string | null => {
    try {
      const json = JSON.parse(fs.readFileSync(path.join(porticoDir, file), 'utf8')) as { version?: unknown };
      return typeof json.version === 'string' ? json.version : null;
    } catch {
      return null;
    }
  };
  const git = (args: string[]): string | null => {
    const result = spawnSync('git', args, { cwd: porticoDir, encoding: 'utf8' });
    return result.status === 0 ? result.stdout.trim() : null;
  };
  // An exported snapshot has no .git; its COMMIT file names the commit it was exported from.
  const snapshotCommit = (): string | null => {
    try {
      return fs.readFileSync(path.join(porticoDir, 'COMMIT'), 'utf8').trim();
    } catch {
      return null;
    }
  };
  const commit = git(['rev-parse', '--short', 'HEAD']);
  return {
    versions: {
      '@portico/server': version('packages/server/package.json'),
      '@portico/plugin-catalog': version('plugins/catalog/package.json'),
      'better-sqlite3': version('node_modules/better-sqlite3/package.json'),
      pg: version('node_modules/pg/package.json'),
      autocannon: version('node_modules/autocannon/package.json'),
      node: process.version,
    },
    portico_dir: porticoDir,
    commit: commit ?? snapshotCommit(),
    uncommitted_changes: commit === null ? false : (git(['status', '--porcelain', '--untracked-files=no']) ?? '') !== '',
    cpus: os.cpus().length,
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
  };
}

/** true when something accepts connections on the port (a portal or the peer left running). */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
