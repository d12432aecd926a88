import type http from 'node:http';
import type { ExpectedCatalog } from '../expected.js';
import { RequestTimeoutError, requestJson } from '../http-client.js';
import { numberAt } from '../json.js';
import { processUsage, type PhaseCpu, type ProcessUsage } from '../proc-stats.js';
import { missingSpecRelations } from '../relations.js';
import { round1 } from '../stats.js';
import { sleep, type ServerUnderTest } from './server.js';

export interface IngestOptions {
  timeoutSeconds: number;
  pollMs: number;
  maxPollMs: number;
  /** Progress every ~10 s. */
  log: (message: string) => void;
  /** CPU used since the server was spawned (startPhase(pid, true) taken right after the spawn). */
  cpuSinceSpawn: () => PhaseCpu;
  /** A poll unanswered this long is counted as a stall and polling goes on (the peer harness aborts instead). */
  pollTimeoutMs?: number;
}

export interface CheckResult {
  filter: string;
  expected: number;
  got: number | null;
}

export interface IngestResult {
  first_entity_visible_ms: number;
  all_visible_ms: number;
  fully_processed_ms: number;
  entities_per_s_until_processed: number;
  total_entities_in_catalog: number | null;
  checks: CheckResult[];
  /**
   * last_cycle_ms: from the start of the previous poll cycle to the end of the one that saw the
   * catalog fully processed; it finished somewhere in that window (the times' resolution).
   */
  poll: {
    requests: number;
    total_ms: number;
    last_ms: number;
    last_cycle_ms: number;
    /** The slowest poll: how long the API went without answering during ingestion. */
    longest_ms: number;
    /** Polls that got no answer within pollTimeoutMs. */
    timeouts: number;
  };
  sample_entity: string;
  sample_relations_expected: number;
  sample_relations_missing: string[];
  mem_after_ingest: ProcessUsage | null;
  cpu: PhaseCpu;
  progress: Array<{ t_s: number; visible: number; rss_mb: number | undefined; cpu_s: number | undefined }>;
}

export class IngestTimeoutError extends Error {
  constructor(
    message: string,
    readonly details: Record<string, unknown>,
  ) {
    super(message);
  }
}

/**
 * Waits until every generated entity is visible and then until every check of expected.json
 * matches (reverse relations prove the other side was processed and this one re-stitched).
 * Like the peer harness, it waits 20x the last poll's duration between polls, clamped to
 * [pollMs, maxPollMs], so polling stays a small share of the server's work; times have that resolution.
 */
export async function waitForIngest(
  server: ServerUnderTest,
  expected: ExpectedCatalog,
  agent: http.Agent,
  options: IngestOptions,
): Promise<IngestResult> {
  const catalog = `${server.baseUrl}/api/catalog`;
  const poll = { requests: 0, total_ms: 0, last_ms: 0, longest_ms: 0, timeouts: 0 };
  const countOf = async (filter: string): Promise<number | null> => {
    const started = performance.now();
    const query = `limit=1&fields=metadata.name${filter ? `&filter=${encodeURIComponent(filter)}` : ''}`;
    try {
      const answer = await requestJson(`${catalog}/entities/by-query?${query}`, agent, { timeoutMs: options.pollTimeoutMs ?? 120_000 });
      return numberAt(answer, 'totalItems');
    } finally {
      poll.last_ms = performance.now() - started;
      poll.longest_ms = Math.max(poll.longest_ms, poll.last_ms);
      poll.requests++;
      poll.total_ms += poll.last_ms;
    }
  };

  const [visibleCheck] = expected.checks;
  if (!visibleCheck) throw new Error('expected.json has no checks');
  let firstVisible: number | null = null;
  let allVisible: number | null = null;
  let checks: CheckResult[] = [];
  let lastLog = 0;
  let cycleStart = server.sinceSpawnMs();
  let previousCycleStart: number;
  let visible = 0;
  const progress: IngestResult['progress'] = [];
  for (;;) {
    const exit = server.exitReason();
    if (exit) throw new Error(`the server stopped during ingestion: ${exit}`);
    if (server.sinceSpawnMs() > options.timeoutSeconds * 1000) {
      throw new IngestTimeoutError(`ingestion not complete after ${options.timeoutSeconds} s`, {
        after_ms: round1(server.sinceSpawnMs()),
        last: { visible },
        checks,
        mem: processUsage(server.pid),
      });
    }
    previousCycleStart = cycleStart;
    cycleStart = server.sinceSpawnMs();
    let done = false;
    try {
      visible = (await countOf(visibleCheck.filter)) ?? 0;
      if (visible > 0) firstVisible ??= server.sinceSpawnMs();
      if (visible >= expected.n) allVisible ??= server.sinceSpawnMs();
      if (allVisible !== null) {
        checks = [];
        for (const check of expected.checks) checks.push({ ...check, got: await countOf(check.filter) });
        done = checks.every((check) => check.got === check.expected);
      }
    } catch (error) {
      if (!(error instanceof RequestTimeoutError)) throw error;
      poll.timeouts++;
      options.log(`the catalog did not answer a count within ${(poll.last_ms / 1000).toFixed(0)} s; polling on`);
      continue;
    }
    if (done) break;
    if (server.sinceSpawnMs() - lastLog > 10_000) {
      lastLog = server.sinceSpawnMs();
      const usage = processUsage(server.pid);
      progress.push({ t_s: round1(lastLog / 1000), visible, rss_mb: usage?.vmrss_mb, cpu_s: usage?.cpu_s });
      const pending = checks.length ? ` checks ${checks.map((check) => `${check.got}/${check.expected}`).join(' ')}` : '';
      options.log(`visible ${visible}/${expected.n}${pending}${usage ? ` rss ${usage.vmrss_mb} MB` : ''}`);
    }
    await sleep(Math.min(options.maxPollMs, Math.max(options.pollMs, 20 * poll.last_ms)));
  }
  const fullyProcessed = server.sinceSpawnMs();
  const memAfterIngest = processUsage(server.pid);
  const cpu = options.cpuSinceSpawn();
  const total = await countOf('');
  const sample = await requestJson(`${catalog}/entities/by-name/${expected.queries.byName}`, agent);
  const relations = missingSpecRelations(sample);
  return {
    first_entity_visible_ms: round1(firstVisible ?? fullyProcessed),
    all_visible_ms: round1(allVisible ?? fullyProcessed),
    fully_processed_ms: round1(fullyProcessed),
    entities_per_s_until_processed: round1(expected.n / (fullyProcessed / 1000)),
    total_entities_in_catalog: total,
    checks,
    poll: {
      requests: poll.requests,
      total_ms: round1(poll.total_ms),
      last_ms: round1(poll.last_ms),
      last_cycle_ms: round1(fullyProcessed - previousCycleStart),
      longest_ms: round1(poll.longest_ms),
      timeouts: poll.timeouts,
    },
    sample_entity: expected.queries.byName,
    sample_relations_expected: relations.expected,
    sample_relations_missing: relations.missing,
    mem_after_ingest: memAfterIngest,
    cpu,
    progress,
  };
}
