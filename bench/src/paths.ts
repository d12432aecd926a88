import path from 'node:path';
import { fileURLToPath } from 'node:url';

// bench/src (tests) and bench/dist (the compiled harness) are both two levels below the repo root.
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The peer harness; CI lays shared/ beside the clone, so it is found relative to the repo. */
export const peerHarnessDir = process.env.PORTICO_PEER_HARNESS
  ? path.resolve(process.env.PORTICO_PEER_HARNESS)
  : path.resolve(repoRoot, '..', 'shared', 'peer-backstage');

/** The peer's scratch dir; catalogs live in $PEER_WORK/cat-N for both harnesses. */
export const peerWorkDir = path.resolve(process.env.PEER_WORK ?? '/tmp/peer-bench');

/** Where setup.sh installs the Backstage backend. */
export const peerInstallDir = path.resolve(process.env.PEER_DIR ?? '/tmp/peer-backstage');

export const resultsDir = path.join(repoRoot, 'bench', 'results');

export const porticoCli = path.join(repoRoot, 'packages', 'server', 'dist', 'cli', 'main.js');

export function catalogDirFor(entities: number): string {
  return path.join(peerWorkDir, `cat-${entities}`);
}
