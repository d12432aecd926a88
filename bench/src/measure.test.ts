import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCatalog, pickComponentRefs, type CatalogOnDisk } from './catalog-files.js';
import type { JsonObject } from './json.js';
import { measureCatalog, type MeasureOptions } from './measure.js';
import { createSequentialAgent } from './http-client.js';
import { IngestTimeoutError, waitForIngest } from './phases/ingest.js';
import { peerHarnessDir } from './paths.js';
import { startPhase } from './proc-stats.js';
import { finishedRuns } from './results.js';
import { startFakeCatalog, type FakeCatalogBehaviour } from './testing/fake-catalog-server.js';

const options: MeasureOptions = {
  iterations: 5,
  warmup: 2,
  maxQuerySeconds: 5,
  loadSeconds: 1,
  connections: 2,
  ingestTimeoutSeconds: 10,
  pollMs: 20,
  maxPollMs: 50,
};

let dir: string;
let catalog: CatalogOnDisk;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-bench-'));
  catalog = await ensureCatalog({
    entities: 200,
    dir: path.join(dir, 'cat-200'),
    generatorScript: path.join(peerHarnessDir, 'gen-catalog.mjs'),
    log: () => {},
  });
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function measure(behaviour: FakeCatalogBehaviour): Promise<{ lines: JsonObject[]; requests: string[] }> {
  const fake = await startFakeCatalog(catalog.expected, behaviour);
  const lines: JsonObject[] = [];
  try {
    await measureCatalog(fake.server, {
      expected: catalog.expected,
      refs: pickComponentRefs(catalog.dir, 100),
      options,
      emit: (type, data) => lines.push({ type, run: 'test-run', n: catalog.expected.n, db: 'memory', ...data }),
      log: () => {},
      cpuSinceSpawn: startPhase(fake.server.pid, true),
    });
  } finally {
    await fake.close();
  }
  return { lines, requests: fake.requests };
}

const ofType = (lines: JsonObject[], type: string) => lines.filter((line) => line.type === type);

describe('measureCatalog against a server that answers right', () => {
  it('times startup, waits for every check, then measures every query and both load rows', async () => {
    const { lines, requests } = await measure({ readyAfterMs: 150, visibleAfterMs: 300, processedAfterMs: 600 });
    const [startup] = ofType(lines, 'startup');
    expect(startup?.first_status).toBe(503);
    expect(startup?.catalog_entities_200_ms).toBeGreaterThanOrEqual(150);

    const [ingest] = ofType(lines, 'ingest');
    expect(ingest?.fully_processed_ms).toBeGreaterThanOrEqual(600);
    expect(ingest?.all_visible_ms).toBeGreaterThanOrEqual(300);
    expect(ingest?.all_visible_ms as number).toBeLessThanOrEqual(ingest?.fully_processed_ms as number);
    expect(ingest?.checks).toEqual(catalog.expected.checks.map((check) => ({ ...check, got: check.expected })));
    expect(ingest?.sample_relations_expected).toBe(6);
    const cycle = (ingest?.poll as { last_cycle_ms: number }).last_cycle_ms;
    expect(cycle).toBeGreaterThan(0);
    expect(cycle).toBeLessThan(ingest?.fully_processed_ms as number);
    expect(ingest?.sample_relations_missing).toEqual([]);

    const queries = ofType(lines, 'query');
    expect(queries.map((query) => query.query)).toEqual([
      'by-name', 'by-query-filter', 'by-query-fulltext', 'facets-spec.type', 'list-tag-java', 'by-refs-100', 'facets-kind+spec.type+spec.lifecycle',
    ]);
    for (const query of queries) {
      expect(query.result_check_problem, String(query.query)).toBeNull();
      expect(query.iterations).toBe(5);
    }
    // 2 warm-up (the checked first answer among them) + 5 timed requests per query
    expect(requests.filter((request) => request.startsWith('POST /api/catalog/entities/by-refs')).length).toBeGreaterThanOrEqual(7);

    const loads = ofType(lines, 'load');
    expect(loads.map((load) => load.query)).toEqual(['by-query-filter', 'by-name']);
    for (const load of loads) {
      expect(load.req_per_s_mean as number).toBeGreaterThan(0);
      expect(load.errors).toBe(0);
      expect(load.non2xx).toBe(0);
    }

    const [summary] = finishedRuns(lines, 'Portico');
    expect(summary?.ingest.complete).toBe(true);
    expect(Object.values(summary?.queries ?? {}).every((query) => query.correct)).toBe(true);
  });
});

describe('measureCatalog against a server that answers wrong', () => {
  it('names each wrong answer and the missing relation, and marks the run incomplete', async () => {
    const { lines } = await measure({
      readyAfterMs: 0,
      visibleAfterMs: 50,
      processedAfterMs: 50,
      wrong: new Set(['by-query-filter', 'by-refs', 'facets', 'list-tag-java']),
      dropRelation: true,
    });
    const problems = Object.fromEntries(ofType(lines, 'query').map((query) => [query.query, query.result_check_problem]));
    const services = catalog.expected.queries.counts.serviceComponents;
    expect(problems['by-name']).toBeNull();
    expect(problems['by-query-filter']).toBe(`totalItems: expected ${services}, got ${services + 1}`);
    expect(problems['facets-spec.type']).toBe(`facets.spec.type count of 'service': expected ${services}, got ${services + 1}`);
    expect(problems['list-tag-java']).toMatch(/^number of entities: expected \d+, got \d+$/);
    expect(problems['by-refs-100']).toMatch(/^items\[0\]\.metadata\.name: expected "[a-z-]+-\d+", got "[a-z-]+-\d+"$/);
    expect(problems['facets-kind+spec.type+spec.lifecycle']).toMatch(/facets.spec.type count of 'service'/);
    const [ingest] = ofType(lines, 'ingest');
    expect(ingest?.sample_relations_missing).toEqual(['consumesApi:api:default/f-api']);
    const [summary] = finishedRuns(lines, 'Portico');
    expect(summary?.ingest.complete).toBe(false);
    expect(summary?.queries['by-query-filter']?.correct).toBe(false);
    expect(summary?.queries['by-name']?.correct).toBe(true);
  });
});

describe('waitForIngest', () => {
  it('counts a poll the server leaves unanswered as a stall and keeps polling', async () => {
    const fake = await startFakeCatalog(catalog.expected, {
      readyAfterMs: 0,
      visibleAfterMs: 100,
      processedAfterMs: 100,
      stall: { fromMs: 20, untilMs: 500 },
    });
    const agent = createSequentialAgent();
    try {
      const result = await waitForIngest(fake.server, catalog.expected, agent, {
        timeoutSeconds: 5,
        pollMs: 20,
        maxPollMs: 50,
        log: () => {},
        cpuSinceSpawn: startPhase(process.pid, true),
        pollTimeoutMs: 150,
      });
      expect(result.poll.timeouts).toBeGreaterThanOrEqual(1);
      expect(result.poll.longest_ms).toBeGreaterThanOrEqual(150);
      expect(result.fully_processed_ms).toBeGreaterThanOrEqual(500);
      expect(result.checks.every((check) => check.got === check.expected)).toBe(true);
    } finally {
      agent.destroy();
      await fake.close();
    }
  });

  it('gives up after the timeout and reports how far the checks got', async () => {
    const fake = await startFakeCatalog(catalog.expected, { readyAfterMs: 0, visibleAfterMs: 10, processedAfterMs: 60_000 });
    const agent = createSequentialAgent();
    try {
      const waiting = waitForIngest(fake.server, catalog.expected, agent, {
        timeoutSeconds: 0.5,
        pollMs: 20,
        maxPollMs: 50,
        log: () => {},
        cpuSinceSpawn: startPhase(process.pid, true),
      });
      const error = await waiting.then(
        () => null,
        (caught: unknown) => caught,
      );
      if (!(error instanceof IngestTimeoutError)) throw new Error(`expected an IngestTimeoutError, got ${String(error)}`);
      expect(error.message).toBe('ingestion not complete after 0.5 s');
      const checks = error.details.checks as Array<{ expected: number; got: number }>;
      expect(checks.length).toBe(catalog.expected.checks.length);
      expect(checks.slice(1).every((check) => check.got === check.expected - 1)).toBe(true);
    } finally {
      agent.destroy();
      await fake.close();
    }
  });
});
