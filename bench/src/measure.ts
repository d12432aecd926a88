import type { CatalogBenchOptions } from './args.js';
import type { ExpectedCatalog } from './expected.js';
import { createSequentialAgent } from './http-client.js';
import { waitForIngest } from './phases/ingest.js';
import { measureLoad } from './phases/load.js';
import { measureQuery } from './phases/queries.js';
import type { Emit, ServerUnderTest } from './phases/server.js';
import { waitForStartup } from './phases/startup.js';
import { processUsage, type PhaseCpu } from './proc-stats.js';
import { catalogQueries } from './queries.js';

export type MeasureOptions = Pick<
  CatalogBenchOptions,
  'iterations' | 'warmup' | 'maxQuerySeconds' | 'loadSeconds' | 'connections' | 'ingestTimeoutSeconds' | 'pollMs' | 'maxPollMs'
>;

/** The peer's load rows: the filtered page, then by-name. */
export const LOAD_QUERIES = ['by-query-filter', 'by-name'] as const;

/**
 * Everything the peer harness measures, in its order, against a server that was just spawned:
 * startup, ingestion to fully processed, sequential query latencies, concurrent load, memory.
 */
export async function measureCatalog(
  server: ServerUnderTest,
  input: {
    expected: ExpectedCatalog;
    /** by-refs request body, read from the catalog files. */
    refs: readonly string[];
    options: MeasureOptions;
    emit: Emit;
    log: (message: string) => void;
    cpuSinceSpawn: () => PhaseCpu;
  },
): Promise<void> {
  const { expected, options, emit, log } = input;
  const startup = await waitForStartup(server);
  emit('startup', { ...startup });
  log(`catalog answers 200 after ${startup.catalog_entities_200_ms} ms`);

  const agent = createSequentialAgent();
  try {
    const ingest = await waitForIngest(server, expected, agent, {
      timeoutSeconds: options.ingestTimeoutSeconds,
      pollMs: options.pollMs,
      maxPollMs: options.maxPollMs,
      log,
      cpuSinceSpawn: input.cpuSinceSpawn,
    });
    emit('ingest', { ...ingest });
    log(`fully processed after ${(ingest.fully_processed_ms / 1000).toFixed(1)} s`);
    if (ingest.sample_relations_missing.length) log(`sample entity lacks relations: ${ingest.sample_relations_missing.join(', ')}`);

    const queries = catalogQueries(expected, input.refs);
    for (const query of queries) {
      const result = await measureQuery(server, query, agent, options);
      emit('query', { ...result });
      log(
        `query ${query.name}: p50 ${result.p50_ms} ms, p95 ${result.p95_ms} ms (${result.iterations} runs)` +
          (result.result_check_problem ? ` WRONG ANSWER: ${result.result_check_problem}` : ''),
      );
    }
    const afterQueries = processUsage(server.pid);

    for (const name of LOAD_QUERIES) {
      const query = queries.find((candidate) => candidate.name === name);
      if (!query) throw new Error(`no query named ${name}`);
      const result = await measureLoad(server, query, { connections: options.connections, seconds: options.loadSeconds });
      emit('load', { ...result });
      log(`load ${name}: ${result.req_per_s_mean} req/s, p99 ${result.latency_p99_ms} ms, errors ${result.errors + result.non2xx}`);
    }
    const end = processUsage(server.pid);
    emit('memory', { after_ingest: ingest.mem_after_ingest, after_queries: afterQueries, end, peak_rss_mb: end?.vmhwm_mb ?? null });
  } finally {
    agent.destroy();
  }
}
