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

/**
 * The Portico that is started: this repo, or PORTICO_BENCH_PORTICO_DIR (another checkout or an
 * exported, built snapshot of a commit, e.g. while this working tree is mid-edit).
 */
export const porticoDir = process.env.PORTICO_BENCH_PORTICO_DIR ? path.resolve(process.env.PORTICO_BENCH_PORTICO_DIR) : repoRoot;

export const porticoCli = path.join(porticoDir, 'packages', 'server', 'dist', 'cli', 'main.js');

export function catalogDirFor(entities: number): string {
  return path.join(peerWorkDir, `cat-${entities}`);
}
