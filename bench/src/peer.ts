import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** setup.sh installs the Backstage backend once (about 3 minutes); this says whether it is there. */
export function peerInstalled(installDir: string): boolean {
  return fs.existsSync(path.join(installDir, 'node_modules', '@backstage', 'plugin-catalog-backend', 'package.json'))
    && fs.existsSync(path.join(installDir, 'node_modules', 'autocannon', 'package.json'));
}

export async function installPeer(harnessDir: string, log: (message: string) => void): Promise<void> {
  log('installing the peer Backstage backend (bash setup.sh, about 3 minutes)');
  await run('bash', [path.join(harnessDir, 'setup.sh')], harnessDir);
}

/**
 * Runs the peer harness unchanged on the same catalog (its default $PEER_WORK/cat-N, or `catalogDir`),
 * appending its JSON lines to `outFile`. It uses port 7007 and must run alone, so Portico is stopped first.
 */
export async function runPeerBench(options: {
  harnessDir: string;
  entities: number;
  db: 'memory' | 'file';
  outFile: string;
  catalogDir: string | null;
  ingestTimeoutSeconds: number;
}): Promise<void> {
  const args = [
    path.join(options.harnessDir, 'bench.mjs'),
    '--n', String(options.entities),
    '--db', options.db,
    '--out', options.outFile,
    '--ingest-timeout', String(options.ingestTimeoutSeconds),
    ...(options.catalogDir ? ['--catalog', options.catalogDir] : []),
  ];
  await run(process.execPath, args, options.harnessDir);
}

function run(command: string, args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // The peer prints JSON lines on stdout and progress on stderr: show both, they are the user's to read.
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}
