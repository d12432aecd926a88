import fs from 'node:fs';
import path from 'node:path';
import { parseBenchArgs, UsageError, type CatalogBenchOptions } from './args.js';
import { budgetTable, budgetVerdicts } from './budgets.js';
import { ensureCatalog, pickComponentRefs, type CatalogOnDisk } from './catalog-files.js';
import { portInUse, runEnvironment } from './environment.js';
import type { JsonObject } from './json.js';
import { measureCatalog } from './measure.js';
import { catalogDirFor, peerHarnessDir, peerInstallDir, porticoCli, porticoDir, repoRoot, resultsDir } from './paths.js';
import { installPeer, peerInstalled, runPeerBench } from './peer.js';
import { prepareLaunch, spawnPortico } from './portico-process.js';
import { startPhase } from './proc-stats.js';
import { comparisonTable } from './report.js';
import { finishedRuns, readJsonLinesFile, runError, selectPeerRuns, type PeerSelection, type RunSummary } from './results.js';

const BY_REFS_COUNT = 100;
const PEER_PORT = 7007;
const started = performance.now();
const log = (message: string): void => {
  process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
};

export async function main(argv: readonly string[]): Promise<number> {
  let options: CatalogBenchOptions;
  try {
    options = parseBenchArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  fs.mkdirSync(path.join(resultsDir, 'logs'), { recursive: true });
  const catalog = await ensureCatalog({
    entities: options.entities,
    dir: path.resolve(options.catalogDir ?? catalogDirFor(options.entities)),
    generatorScript: path.join(peerHarnessDir, 'gen-catalog.mjs'),
    log,
  });

  const portico = await runPortico(options, catalog);
  const peer = await peerNumbers(options);
  if (!portico) {
    log('Portico did not finish the run; no comparison table. See the error line above and the log.');
    return 1;
  }
  const report = renderReport(options, catalog, portico, peer);
  process.stdout.write(`\n${report}\n`);
  const reportFile = path.join(resultsDir, `compare-${fileSafe(portico.runIds[0] ?? 'run')}.md`);
  fs.writeFileSync(reportFile, `${report}\n`);
  log(`report written to ${path.relative(process.cwd(), reportFile)}`);
  return portico.ingest.complete && Object.values(portico.queries).every((query) => query.correct) ? 0 : 1;
}

async function runPortico(options: CatalogBenchOptions, catalog: CatalogOnDisk): Promise<RunSummary | null> {
  if (!fs.existsSync(porticoCli)) throw new Error(`${porticoCli} is missing: run \`npm run build:server\` first`);
  if (await portInUse(options.port)) throw new Error(`port ${options.port} is in use; stop what listens there or pass --port`);
  const runId = `${new Date().toISOString()}-n${options.entities}-${options.db}${options.overlays.map((file) => `-${path.basename(file, '.yaml')}`).join('')}`;
  const runDir = path.join(resultsDir, 'runs', fileSafe(runId));
  fs.mkdirSync(runDir, { recursive: true });
  const outFile = path.join(resultsDir, 'portico-results.jsonl');
  const lines: JsonObject[] = [];
  const emit = (type: string, data: Record<string, unknown>): void => {
    const line: JsonObject = { type, run: runId, product: 'portico', n: options.entities, db: options.db, ...data };
    lines.push(line);
    process.stdout.write(`${JSON.stringify(line)}\n`);
    fs.appendFileSync(outFile, `${JSON.stringify(line)}\n`);
  };

  const refs = pickComponentRefs(catalog.dir, BY_REFS_COUNT);
  const launch = await prepareLaunch({
    peerHarnessDir,
    catalogFile: catalog.locationFile,
    db: options.db,
    port: options.port,
    runDir,
    runId,
    overlays: options.overlays,
  });
  const logFile = path.join(resultsDir, 'logs', `portico-${fileSafe(runId)}.log`);
  const server = spawnPortico({ cli: porticoCli, cwd: porticoDir, launch, port: options.port, logFile });
  const cpuSinceSpawn = startPhase(server.pid, true);
  emit('run', {
    ...runEnvironment(),
    command: ['node', path.relative(porticoDir, porticoCli), 'start', ...launch.configFiles.flatMap((file) => ['--config', path.relative(porticoDir, file)])].join(' '),
    config: launch.configFiles.flatMap((file) => ['--config', file]),
    env_overrides: launch.env,
    database: launch.database,
    log: logFile,
    catalog: catalog.dir,
    catalog_generated_now: catalog.generated,
    expected_by_kind: catalog.expected.byKind,
    files: catalog.expected.files,
    pid: server.pid,
  });
  log(`Portico started (pid ${server.pid}, port ${options.port}, ${launch.database}); log ${path.relative(process.cwd(), logFile)}`);
  const interrupt = (): void => {
    void server.stop().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  try {
    await measureCatalog(server, { expected: catalog.expected, refs, options, emit, log, cpuSinceSpawn });
  } catch (error) {
    emit('error', { message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  } finally {
    process.removeListener('SIGINT', interrupt);
    if (options.keepRunning) {
      log(`--keep-running: Portico (pid ${server.pid}) stays up on ${server.baseUrl}`);
      server.child.unref();
    } else {
      await server.stop();
      await launch.cleanup();
    }
  }
  const [summary] = finishedRuns(lines, 'Portico');
  if (!summary) log(`run error: ${(runError(lines, runId) ?? 'unknown').split('\n')[0]}`);
  return summary ?? null;
}

async function peerNumbers(options: CatalogBenchOptions): Promise<PeerSelection | null> {
  if (options.peer === 'none') return null;
  if (options.peer === 'results') {
    const file = path.join(peerHarnessDir, 'results.jsonl');
    const selection = selectPeerRuns(readJsonLinesFile(file), options.entities, options.db, `recorded in ${path.relative(repoRoot, file)} (measured 2026-11-27)`);
    if (!selection) log(`${file} has no finished peer run at N=${options.entities}; run with --peer run to measure one`);
    return selection;
  }
  if (!peerInstalled(peerInstallDir)) await installPeer(peerHarnessDir, log);
  if (await portInUse(PEER_PORT)) throw new Error(`port ${PEER_PORT} is in use; the peer harness needs it`);
  if (options.entities >= 50_000) log(`the peer needs 15-40 minutes at N=${options.entities}`);
  const outFile = path.join(resultsDir, 'peer-results.jsonl');
  const before = new Set(readJsonLinesFile(outFile).map((line) => line.run));
  log('running the peer harness on the same catalog (Portico is stopped)');
  try {
    await runPeerBench({
      harnessDir: peerHarnessDir,
      entities: options.entities,
      db: options.db === 'file' ? 'file' : 'memory',
      outFile,
      catalogDir: options.catalogDir ? path.resolve(options.catalogDir) : null,
      ingestTimeoutSeconds: Math.max(options.ingestTimeoutSeconds, 3600),
    });
  } catch (error) {
    log(`the peer harness failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const fresh = readJsonLinesFile(outFile).filter((line) => !before.has(line.run));
  return selectPeerRuns(fresh, options.entities, options.db, `measured in this run (${path.relative(repoRoot, outFile)})`);
}

function renderReport(options: CatalogBenchOptions, catalog: CatalogOnDisk, portico: RunSummary, peer: PeerSelection | null): string {
  const n = options.entities.toLocaleString('en-US');
  const dbLabel = { memory: 'in-memory SQLite', file: 'SQLite file', pg: 'PostgreSQL' }[options.db];
  const verdicts = budgetVerdicts(portico, peer?.summary ?? null, options.connections);
  const failed = verdicts.filter((verdict) => verdict.verdict === 'FAIL').length;
  return [
    `## Catalog benchmark: Portico vs Backstage, N=${n} (${dbLabel})`,
    '',
    `- Portico: run \`${portico.runIds[0]}\`, started as a user would on the peer's own app-config.yaml (raw lines: bench/results/portico-results.jsonl).`,
    `- Backstage: ${peer ? peer.source : 'no numbers (see above)'}.`,
    `- Catalog: ${catalog.dir} from the peer's gen-catalog.mjs (seed ${catalog.expected.seed}, ${catalog.expected.files} files), the same bytes for both.`,
    `- Sequential queries: ${options.warmup} warm-up + ${options.iterations} requests on one keep-alive connection; load: autocannon ${options.connections} connections x ${options.loadSeconds} s.`,
    ...(options.db === 'pg' ? ['- PostgreSQL runs in its own processes: its CPU counts as "other" and its memory is not in Portico\'s RSS.'] : []),
    '',
    comparisonTable(portico, peer?.summary ?? null),
    '',
    `### Budgets (${failed ? `${failed} FAIL` : 'all measured ones pass'})`,
    '',
    budgetTable(verdicts),
  ].join('\n');
}

function fileSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '');
}
