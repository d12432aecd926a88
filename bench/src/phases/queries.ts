import type http from 'node:http';
import { request } from '../http-client.js';
import { startPhase, type PhaseCpu } from '../proc-stats.js';
import type { CatalogQuery } from '../queries.js';
import { summarizeLatencies, type LatencySummary } from '../stats.js';
import type { ServerUnderTest } from './server.js';

export interface QueryOptions {
  warmup: number;
  iterations: number;
  maxQuerySeconds: number;
}

export interface QueryResult extends LatencySummary {
  query: string;
  path: string;
  non200: number;
  result_check_ok: boolean;
  /** What was wrong with the first answer; null when it was right. */
  result_check_problem: string | null;
  response_bytes: number;
  peer_row: boolean;
  cpu: PhaseCpu;
}

/**
 * The peer's method: the first answer is checked, `warmup` requests in all are discarded, then
 * `iterations` sequential requests on one keep-alive connection are timed to the last body byte
 * (stopping early after maxQuerySeconds).
 */
export async function measureQuery(
  server: ServerUnderTest,
  query: CatalogQuery,
  agent: http.Agent,
  options: QueryOptions,
): Promise<QueryResult> {
  const url = `${server.baseUrl}/api/catalog${query.path}`;
  const send = () => request(url, agent, query.body === undefined ? {} : { json: query.body });
  const first = await send();
  const problem = first.status === 200 ? checkBody(query, first.body) : `HTTP ${first.status}: ${first.body.toString().slice(0, 200)}`;
  for (let index = 1; index < options.warmup; index++) await send();
  const endPhase = startPhase(server.pid);
  const started = performance.now();
  const samples: number[] = [];
  let non200 = 0;
  let bytes = first.body.length;
  for (let index = 0; index < options.iterations; index++) {
    const response = await send();
    if (response.status !== 200) non200++;
    bytes = response.body.length;
    samples.push(response.ms);
    if (performance.now() - started > options.maxQuerySeconds * 1000) break;
  }
  return {
    query: query.name,
    path: `/api/catalog${query.path}`,
    ...summarizeLatencies(samples),
    non200,
    result_check_ok: problem === null,
    result_check_problem: problem,
    response_bytes: bytes,
    peer_row: query.peer,
    cpu: endPhase(),
  };
}

function checkBody(query: CatalogQuery, body: Buffer): string | null {
  let answer: unknown;
  try {
    answer = JSON.parse(body.toString()) as unknown;
  } catch {
    return `the answer is not JSON: ${body.toString().slice(0, 200)}`;
  }
  return query.check(answer);
}
