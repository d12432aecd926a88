import type { Entity } from '@portico/model';

/**
 * How the catalog collator reads entities. Today through the catalog's REST API (in process);
 * once the catalog publishes its service, `catalogServiceRef` implements the same two calls.
 */
export interface CatalogReader {
  /** Every entity, a page at a time. */
  streamEntities(signal: AbortSignal): AsyncIterable<Entity[]>;
  /** In request order; undefined where no entity has the ref. */
  getEntitiesByRefs(entityRefs: readonly string[]): Promise<Array<Entity | undefined>>;
}

/**
 * The catalog's service (`catalogServiceRef`) has these two calls; once it is published, the
 * plugin passes it here instead of reading over HTTP.
 */
export interface EntitySource {
  streamEntities(query?: Record<string, never>, batchSize?: number): AsyncIterable<Entity[]>;
  getEntitiesByRefs(entityRefs: readonly string[]): Promise<Array<Entity | undefined>>;
}

export function catalogServiceReader(source: EntitySource): CatalogReader {
  return {
    async *streamEntities(signal) {
      for await (const batch of source.streamEntities({}, PAGE_SIZE)) {
        signal.throwIfAborted();
        yield batch;
      }
    },
    getEntitiesByRefs: (entityRefs) => source.getEntitiesByRefs(entityRefs),
  };
}

/** Sends a request through the portal's own HTTP stack without a socket (Fastify's inject). */
export type InjectRequest = (request: {
  method: 'GET' | 'POST';
  url: string;
  payload?: Record<string, unknown>;
}) => Promise<{ statusCode: number; body: string }>;

interface ByQueryPage {
  items: Entity[];
  pageInfo?: { nextCursor?: string };
}

const PAGE_SIZE = 500;
const REFS_PER_REQUEST = 500;

/** Reads through `GET /api/catalog/entities/by-query` (cursors) and `POST /entities/by-refs`. */
export function createHttpCatalogReader(inject: InjectRequest): CatalogReader {
  const call = async <T>(request: Parameters<InjectRequest>[0]): Promise<T> => {
    const response = await inject(request);
    if (response.statusCode !== 200) {
      throw new Error(`catalog ${request.method} ${request.url.split('?')[0]} answered ${response.statusCode}: ${response.body.slice(0, 300)}`);
    }
    return JSON.parse(response.body) as T;
  };
  return {
    async *streamEntities(signal) {
      let cursor: string | undefined;
      do {
        signal.throwIfAborted();
        const params = new URLSearchParams({ limit: String(PAGE_SIZE), totalItems: 'exclude' });
        if (cursor) params.set('cursor', cursor);
        const page = await call<ByQueryPage>({ method: 'GET', url: `/api/catalog/entities/by-query?${params}` });
        if (page.items.length) yield page.items;
        cursor = page.pageInfo?.nextCursor;
      } while (cursor);
    },

    async getEntitiesByRefs(entityRefs) {
      const found: Array<Entity | undefined> = [];
      for (let start = 0; start < entityRefs.length; start += REFS_PER_REQUEST) {
        const refs = entityRefs.slice(start, start + REFS_PER_REQUEST);
        const page = await call<{ items: Array<Entity | null> }>({ method: 'POST', url: '/api/catalog/entities/by-refs', payload: { entityRefs: refs } });
        found.push(...page.items.map((entity) => entity ?? undefined));
      }
      return found;
    },
  };
}
