import fs from 'node:fs';
import path from 'node:path';
import { arrayAt, isObject, numberAt, stringAt, type JsonObject } from './json.js';
import { median } from './stats.js';

/** One product's numbers for one N (a single run, or the median of several). */
export interface RunSummary {
  product: 'Portico' | 'Backstage';
  n: number;
  db: string;
  /** Config beyond the base file and the database overlay ('-' for defaults). */
  config: string;
  /** Run ids folded into this summary. */
  runIds: string[];
  startup: { firstAnswerMs: number | null; catalog200Ms: number | null };
  ingest: {
    firstVisibleS: number | null;
    allVisibleS: number | null;
    fullyProcessedS: number | null;
    entitiesPerS: number | null;
    serverCpuS: number | null;
    otherCpuS: number | null;
    rssAfterMb: number | null;
    /** The last poll cycle: the catalog was fully processed somewhere within it (null: not recorded). */
    resolutionS: number | null;
    /** The slowest count poll during ingestion: how long the API went unanswered (null: not recorded). */
    longestPollS: number | null;
    /** Every expected.json check matched and the sample entity had all its relations. */
    complete: boolean;
  };
  peakRssMb: number | null;
  /** cpuMs: the server's CPU per timed request, which other work on the machine disturbs far less than latency. */
  queries: Record<
    string,
    { p50: number | null; p95: number | null; p99: number | null; iterations: number | null; cpuMs: number | null; correct: boolean }
  >;
  loads: Record<string, { reqPerS: number | null; p99Ms: number | null; failures: number | null }>;
}

interface RawRun {
  id: string;
  lines: Map<string, JsonObject>;
  queries: JsonObject[];
  loads: JsonObject[];
}

export function parseJsonLines(text: string): JsonObject[] {
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as unknown)
    .filter(isObject);
}

function groupRuns(lines: readonly JsonObject[]): RawRun[] {
  const runs = new Map<string, RawRun>();
  for (const line of lines) {
    const id = stringAt(line, 'run');
    const type = stringAt(line, 'type');
    if (!id || !type) continue;
    let run = runs.get(id);
    if (!run) runs.set(id, (run = { id, lines: new Map(), queries: [], loads: [] }));
    if (type === 'query') run.queries.push(line);
    else if (type === 'load') run.loads.push(line);
    else run.lines.set(type, line);
  }
  return [...runs.values()];
}

/** The config files a run used beyond its base config and its database overlay. */
function configLabel(run: RawRun): string {
  const args = (arrayAt(run.lines.get('run'), 'config') ?? []).filter((item): item is string => typeof item === 'string');
  const extra = args.filter(
    (arg, index) => args[index - 1] === '--config' && !/(^|\/)app-config\.yaml$/.test(arg) && !/sqlite-file\.yaml$|portico-bench-pg/.test(arg),
  );
  return extra.map((file) => path.basename(file)).join('+') || '-';
}

function summarizeRun(run: RawRun, product: RunSummary['product']): RunSummary {
  const line = (type: string): JsonObject | undefined => run.lines.get(type);
  const ingest = line('ingest');
  const checks = arrayAt(ingest, 'checks') ?? [];
  const missing = arrayAt(ingest, 'sample_relations_missing');
  const ms = (value: number | null): number | null => (value === null ? null : value / 1000);
  const queries: RunSummary['queries'] = {};
  for (const query of run.queries) {
    const name = stringAt(query, 'query');
    if (!name) continue;
    queries[name] = {
      p50: numberAt(query, 'p50_ms'),
      p95: numberAt(query, 'p95_ms'),
      p99: numberAt(query, 'p99_ms'),
      iterations: numberAt(query, 'iterations'),
      cpuMs: cpuPerRequest(numberAt(query, 'cpu.backend_cpu_s'), numberAt(query, 'iterations')),
      correct: query.result_check_ok === true && numberAt(query, 'non200') === 0,
    };
  }
  const loads: RunSummary['loads'] = {};
  for (const load of run.loads) {
    const name = stringAt(load, 'query');
    if (!name) continue;
    loads[name] = {
      reqPerS: numberAt(load, 'req_per_s_mean'),
      p99Ms: numberAt(load, 'latency_p99_ms'),
      failures: (numberAt(load, 'non2xx') ?? 0) + (numberAt(load, 'errors') ?? 0),
    };
  }
  return {
    product,
    n: numberAt(line('run'), 'n') ?? numberAt(ingest, 'n') ?? 0,
    db: stringAt(line('run'), 'db') ?? '?',
    config: configLabel(run),
    runIds: [run.id],
    startup: {
      firstAnswerMs: numberAt(line('startup'), 'first_http_answer_ms'),
      catalog200Ms: numberAt(line('startup'), 'catalog_entities_200_ms'),
    },
    ingest: {
      firstVisibleS: ms(numberAt(ingest, 'first_entity_visible_ms')),
      allVisibleS: ms(numberAt(ingest, 'all_visible_ms')),
      fullyProcessedS: ms(numberAt(ingest, 'fully_processed_ms')),
      entitiesPerS: numberAt(ingest, 'entities_per_s_until_processed'),
      serverCpuS: numberAt(ingest, 'cpu.backend_cpu_s'),
      otherCpuS: numberAt(ingest, 'cpu.other_cpu_s'),
      rssAfterMb: numberAt(ingest, 'mem_after_ingest.vmrss_mb'),
      resolutionS: ms(numberAt(ingest, 'poll.last_cycle_ms')),
      longestPollS: ms(numberAt(ingest, 'poll.longest_ms')),
      complete:
        ingest !== undefined &&
        checks.length > 0 &&
        checks.every((check) => numberAt(check, 'got') === numberAt(check, 'expected')) &&
        missing !== null &&
        missing.length === 0,
    },
    peakRssMb: numberAt(line('memory'), 'peak_rss_mb'),
    queries,
    loads,
  };
}

function cpuPerRequest(cpuSeconds: number | null, iterations: number | null): number | null {
  return cpuSeconds === null || !iterations ? null : (cpuSeconds * 1000) / iterations;
}

/** Every run in the lines that reached its memory line (i.e. finished). */
export function finishedRuns(lines: readonly JsonObject[], product: RunSummary['product']): RunSummary[] {
  return groupRuns(lines)
    .filter((run) => run.lines.has('memory'))
    .map((run) => summarizeRun(run, product));
}

/** The error of a run that did not finish, if it recorded one. */
export function runError(lines: readonly JsonObject[], runId: string): string | null {
  const run = groupRuns(lines).find((candidate) => candidate.id === runId);
  return stringAt(run?.lines.get('error'), 'message') ?? (run?.lines.has('ingest_timeout') ? 'ingestion timed out' : null);
}

/** Folds several runs of the same setup into one summary of medians. */
export function medianOf(runs: readonly RunSummary[]): RunSummary {
  const [first] = runs;
  if (!first) throw new Error('no runs to fold');
  const pick = <T>(get: (run: RunSummary) => T): T[] => runs.map(get);
  const names = (get: (run: RunSummary) => Record<string, unknown>): string[] => [...new Set(runs.flatMap((run) => Object.keys(get(run))))];
  const queries: RunSummary['queries'] = {};
  for (const name of names((run) => run.queries)) {
    const present = runs.map((run) => run.queries[name]).filter((query) => query !== undefined);
    queries[name] = {
      p50: median(present.map((query) => query.p50)),
      p95: median(present.map((query) => query.p95)),
      p99: median(present.map((query) => query.p99)),
      iterations: median(present.map((query) => query.iterations)),
      cpuMs: median(present.map((query) => query.cpuMs)),
      correct: present.every((query) => query.correct),
    };
  }
  const loads: RunSummary['loads'] = {};
  for (const name of names((run) => run.loads)) {
    const present = runs.map((run) => run.loads[name]).filter((load) => load !== undefined);
    loads[name] = {
      reqPerS: median(present.map((load) => load.reqPerS)),
      p99Ms: median(present.map((load) => load.p99Ms)),
      failures: Math.max(...present.map((load) => load.failures ?? 0)),
    };
  }
  return {
    ...first,
    runIds: runs.flatMap((run) => run.runIds),
    startup: {
      firstAnswerMs: median(pick((run) => run.startup.firstAnswerMs)),
      catalog200Ms: median(pick((run) => run.startup.catalog200Ms)),
    },
    ingest: {
      firstVisibleS: median(pick((run) => run.ingest.firstVisibleS)),
      allVisibleS: median(pick((run) => run.ingest.allVisibleS)),
      fullyProcessedS: median(pick((run) => run.ingest.fullyProcessedS)),
      entitiesPerS: median(pick((run) => run.ingest.entitiesPerS)),
      serverCpuS: median(pick((run) => run.ingest.serverCpuS)),
      otherCpuS: median(pick((run) => run.ingest.otherCpuS)),
      rssAfterMb: median(pick((run) => run.ingest.rssAfterMb)),
      resolutionS: median(pick((run) => run.ingest.resolutionS)),
      longestPollS: median(pick((run) => run.ingest.longestPollS)),
      complete: runs.every((run) => run.ingest.complete),
    },
    peakRssMb: median(pick((run) => run.peakRssMb)),
    queries,
    loads,
  };
}

export interface PeerSelection {
  summary: RunSummary;
  /** Where the numbers come from, for the report. */
  source: string;
}

/**
 * Backstage's recorded numbers for N: the finished runs on the default catalog and the same kind
 * of database (in-memory SQLite for --db pg, which the peer has no run for), default config
 * preferred over the tuned overlay, folded into medians.
 */
export function selectPeerRuns(lines: readonly JsonObject[], n: number, db: string, sourceLabel: string): PeerSelection | null {
  const peerDb = db === 'pg' ? 'memory' : db;
  const catalogOf = (id: string): string | null => {
    const runLine = lines.find((line) => line.run === id && line.type === 'run');
    return stringAt(runLine, 'catalog');
  };
  const candidates = finishedRuns(lines, 'Backstage').filter((run) => {
    const catalog = catalogOf(run.runIds[0] as string);
    return run.n === n && run.db === peerDb && (catalog === null || path.basename(catalog) === `cat-${n}`);
  });
  const defaults = candidates.filter((run) => run.config === '-');
  const chosen = defaults.length ? defaults : candidates;
  const [first] = chosen;
  if (!first) return null;
  // Only one setup is folded into medians: the first one listed when there is no default run.
  const runs = chosen.filter((run) => run.config === first.config);
  const summary = medianOf(runs);
  const config = summary.config === '-' ? 'default config' : `overlay ${summary.config} (no default-config run at this N)`;
  const dbNote = db === peerDb ? '' : `; the peer has no PostgreSQL run, so this is its ${peerDb} SQLite run`;
  const count = runs.length === 1 ? '1 run' : `median of ${runs.length} runs`;
  return { summary, source: `${sourceLabel}: ${count}, ${peerDb} SQLite, ${config}${dbNote}` };
}

export function readJsonLinesFile(file: string): JsonObject[] {
  return fs.existsSync(file) ? parseJsonLines(fs.readFileSync(file, 'utf8')) : [];
}
