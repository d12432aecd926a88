import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExpectedCatalog } from '../expected.js';
import type { ServerUnderTest } from '../phases/server.js';

export interface FakeCatalogBehaviour {
  /** The catalog answers 503 before this, like a server still mounting its plugins. */
  readyAfterMs: number;
  /** All N entities are visible from this moment (counts grow linearly before). */
  visibleAfterMs: number;
  /** Every expected.json check matches from this moment (reverse relations lag until then). */
  processedAfterMs: number;
  /** Queries (by bench name) answered wrongly. */
  wrong?: ReadonlySet<string>;
  /** The sample entity lacks its consumesApi relation. */
  dropRelation?: boolean;
  /** Requests arriving in [from, until) ms are answered only at `until`, like a blocked event loop. */
  stall?: { fromMs: number; untilMs: number };
}

export interface FakeCatalog {
  server: ServerUnderTest;
  requests: string[];
  close(): Promise<void>;
}

const sampleSpec = {
  type: 'service',
  owner: 'team-a',
  system: 'system-b',
  dependsOn: ['component:c-lib', 'resource:d-db'],
  providesApis: ['e-api'],
  consumesApis: ['f-api'],
};

/**
 * A stand-in for a catalog server that answers the benchmark's requests from expected.json, so the
 * harness's timing, polling and answer checks are tested without a real catalog. Not a catalog:
 * it only knows the numbers the checks look for.
 */
export async function startFakeCatalog(expected: ExpectedCatalog, behaviour: FakeCatalogBehaviour): Promise<FakeCatalog> {
  const started = performance.now();
  const requests: string[] = [];
  const wrong = behaviour.wrong ?? new Set<string>();
  const sampleName = expected.queries.byName.split('/')[2] as string;
  const counts = expected.queries.counts;

  const answer = (url: URL, body: unknown): { status: number; json: unknown } => {
    const elapsed = performance.now() - started;
    const path = url.pathname.replace(/^\/api\/catalog/, '');
    const filter = url.searchParams.get('filter') ?? '';
    const limit = Number(url.searchParams.get('limit') ?? 'NaN');
    if (elapsed < behaviour.readyAfterMs) return { status: 503, json: { error: 'starting' } };
    if (path === '/entities' && limit === 1) return { status: 200, json: [] };
    if (path === '/entities/by-query' && limit === 1) {
      if (!filter) return { status: 200, json: { items: [], totalItems: expected.n + expected.locationEntities } };
      const check = expected.checks.find((candidate) => candidate.filter === filter);
      if (!check) return { status: 400, json: { error: `unknown filter ${filter}` } };
      const visible = Math.min(expected.n, Math.floor((expected.n * elapsed) / behaviour.visibleAfterMs));
      const totalItems = check === expected.checks[0] ? visible : elapsed >= behaviour.processedAfterMs ? check.expected : check.expected - 1;
      return { status: 200, json: { items: [{}], totalItems } };
    }
    if (path === `/entities/by-name/${expected.queries.byName}`) {
      const relations = [
        { type: 'ownedBy', targetRef: 'group:default/team-a' },
        { type: 'partOf', targetRef: 'system:default/system-b' },
        { type: 'dependsOn', targetRef: 'component:default/c-lib' },
        { type: 'dependsOn', targetRef: 'resource:default/d-db' },
        { type: 'providesApi', targetRef: 'api:default/e-api' },
        ...(behaviour.dropRelation ? [] : [{ type: 'consumesApi', targetRef: 'api:default/f-api' }]),
      ];
      const name = wrong.has('by-name') ? `${sampleName}-other` : sampleName;
      return { status: 200, json: { kind: 'Component', metadata: { name }, spec: sampleSpec, relations } };
    }
    if (path === '/entities/by-query') {
      const total = filter === 'kind=component,spec.type=service' ? counts.serviceComponents : counts.fullTextComponents;
      const name = filter === 'kind=component,spec.type=service' ? 'by-query-filter' : 'by-query-fulltext';
      const items = Array.from({ length: Math.min(limit, total) }, () => ({}));
      return { status: 200, json: { items, totalItems: wrong.has(name) ? total + 1 : total } };
    }
    if (path === '/entities') {
      return { status: 200, json: Array.from({ length: counts.javaTagged - (wrong.has('list-tag-java') ? 1 : 0) }, () => ({})) };
    }
    if (path === '/entity-facets') {
      const all: Record<string, Array<{ value: string; count: number }>> = {
        kind: Object.entries(expected.byKind).map(([value, count]) => ({ value, count })),
        'spec.type': [{ value: 'service', count: counts.serviceComponents + (wrong.has('facets') ? 1 : 0) }, { value: 'library', count: 3 }],
        'spec.lifecycle': [
          { value: 'production', count: (expected.byKind.API ?? 0) + (expected.byKind.Component ?? 0) - 5 },
          { value: 'experimental', count: 5 },
        ],
      };
      const facets = Object.fromEntries(url.searchParams.getAll('facet').map((facet) => [facet, all[facet] ?? []]));
      return { status: 200, json: { facets } };
    }
    if (path === '/entities/by-refs') {
      const refs = (body as { entityRefs?: string[] } | undefined)?.entityRefs ?? [];
      const ordered = wrong.has('by-refs') ? [...refs].reverse() : refs;
      return { status: 200, json: { items: ordered.map((ref) => ({ metadata: { name: ref.slice(ref.lastIndexOf('/') + 1) } })) } };
    }
    return { status: 404, json: { error: `no route ${path}` } };
  };

  const httpServer = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      requests.push(`${req.method} ${url.pathname}${url.search}`);
      const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as unknown) : undefined;
      const reply = (): void => {
        const { status, json } = answer(url, body);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      const elapsed = performance.now() - started;
      const stall = behaviour.stall;
      if (stall && elapsed >= stall.fromMs && elapsed < stall.untilMs) setTimeout(reply, stall.untilMs - elapsed);
      else reply();
    });
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const port = (httpServer.address() as AddressInfo).port;
  return {
    requests,
    server: {
      baseUrl: `http://127.0.0.1:${port}`,
      pid: process.pid,
      sinceSpawnMs: () => performance.now() - started,
      exitReason: () => null,
    },
    close: () =>
      new Promise<void>((resolve) => {
        httpServer.closeAllConnections();
        httpServer.close(() => resolve());
      }),
  };
}
