// `npm run bench -- <benchmark> [options]`: compiles the harness (bench/src -> bench/dist), brings
// the server's build up to date (tsc -b is incremental: a no-op when nothing changed; skip with
// --no-build), then runs the benchmark. See bench/README.md.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(benchDir, '..');
const argv = process.argv.slice(2);

// PORTICO_BENCH_PORTICO_DIR: measure another checkout or a built snapshot (see snapshot.sh).
const porticoDir = process.env.PORTICO_BENCH_PORTICO_DIR ? path.resolve(process.env.PORTICO_BENCH_PORTICO_DIR) : root;

const run = (command, args, cwd = root) => {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

run('npx', ['tsc', '-p', path.join(benchDir, 'tsconfig.json')]);
if (!argv.includes('--no-build') && !argv.includes('--help') && argv.length > 0) run('npm', ['run', '--silent', 'build:server'], porticoDir);

const { main } = await import(pathToFileURL(path.join(benchDir, 'dist', 'cli.js')).href);
process.exitCode = await main(argv);
