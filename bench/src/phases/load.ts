import autocannon from 'autocannon';
import { startPhase, type PhaseCpu } from '../proc-stats.js';
import type { CatalogQuery } from '../queries.js';
import type { ServerUnderTest } from './server.js';

export interface LoadResult {
  query: string;
  path: string;
  connections: number;
  seconds: number;
  req_per_s_mean: number;
  requests_total: number;
  latency_p50_ms: number;
  latency_p90_ms: number;
  latency_p99_ms: number;
  latency_mean_ms: number;
  latency_max_ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  cpu: PhaseCpu;
}

/** autocannon in this process (sharing the machine's cores with the server, as the peer does). */
export async function measureLoad(
  server: ServerUnderTest,
  query: CatalogQuery,
  options: { connections: number; seconds: number },
): Promise<LoadResult> {
  const endPhase = startPhase(server.pid);
  const result = await autocannon({
    url: `${server.baseUrl}/api/catalog${query.path}`,
    connections: options.connections,
    duration: options.seconds,
    ...(query.body === undefined
      ? {}
      : { method: 'POST' as const, body: JSON.stringify(query.body), headers: { 'content-type': 'application/json' } }),
  });
  return {
    query: query.name,
    path: `/api/catalog${query.path}`,
    connections: options.connections,
    seconds: options.seconds,
    req_per_s_mean: result.requests.average,
    requests_total: result.requests.total,
    latency_p50_ms: result.latency.p50,
    latency_p90_ms: result.latency.p90,
    latency_p99_ms: result.latency.p99,
    latency_mean_ms: result.latency.average,
    latency_max_ms: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    cpu: endPhase(),
  };
}
