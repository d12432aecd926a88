import { stringifyEntityRef, type CompoundEntityRef, type Entity } from '@portico/model';
import type {
  AnalyzeLocationResponse,
  CatalogLocation,
  EntityFacetsResponse,
  EntityHistoryResponse,
  EntityPredicate,
  LocationSpec,
  QueryEntitiesRequest,
  QueryEntitiesResponse,
  RegisterLocationResponse,
  RelationsGraphResponse,
} from './contracts.js';

type QueryValue = string | number | boolean | undefined;

/**
 * What the client needs to send a request: the web kernel's API client fits, and so does a
 * small wrapper around fetch in a script. Errors are the transport's to throw.
 */
export interface CatalogTransport {
  fetchJson<T>(
    path: string,
    options?: {
      method?: string;
      query?: Readonly<Record<string, QueryValue | readonly QueryValue[]>>;
      body?: unknown;
      signal?: AbortSignal;
    },
  ): Promise<T>;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

const BASE = '/api/catalog';

function entityPath(ref: CompoundEntityRef): string {
  return [ref.kind, ref.namespace, ref.name].map((part) => encodeURIComponent(part)).join('/');
}

/** A typed client for the catalog's REST API. */
export class CatalogClient {
  constructor(private readonly transport: CatalogTransport) {}

  queryEntities(request: QueryEntitiesRequest, options: RequestOptions = {}): Promise<QueryEntitiesResponse> {
    return this.transport.fetchJson(`${BASE}/entities/by-query`, { method: 'POST', body: request, signal: options.signal });
  }

  getEntityFacets(facets: string[], query: EntityPredicate | undefined, options: RequestOptions = {}): Promise<EntityFacetsResponse> {
    return this.transport.fetchJson(`${BASE}/entity-facets`, {
      method: 'POST',
      body: query === undefined ? { facets } : { facets, query },
      signal: options.signal,
    });
  }

  getEntityByRef(ref: CompoundEntityRef, options: RequestOptions = {}): Promise<Entity> {
    return this.transport.fetchJson(`${BASE}/entities/by-name/${entityPath(ref)}`, { signal: options.signal });
  }

  /** Entities in the order of `entityRefs`; `null` where a ref names no entity. */
  async getEntitiesByRefs(entityRefs: string[], fields: string[] | undefined, options: RequestOptions = {}): Promise<Array<Entity | null>> {
    if (entityRefs.length === 0) return [];
    const response = await this.transport.fetchJson<{ items: Array<Entity | null> }>(`${BASE}/entities/by-refs`, {
      method: 'POST',
      body: fields === undefined ? { entityRefs } : { entityRefs, fields },
      signal: options.signal,
    });
    return response.items;
  }

  getEntityHistory(ref: CompoundEntityRef, page: { limit: number; offset: number }, options: RequestOptions = {}): Promise<EntityHistoryResponse> {
    return this.transport.fetchJson(`${BASE}/entities/by-name/${entityPath(ref)}/history`, { query: page, signal: options.signal });
  }

  getRelationsGraph(
    request: { rootEntityRefs: string[]; maxDepth: number; relationTypes?: string[]; maxNodes?: number },
    options: RequestOptions = {},
  ): Promise<RelationsGraphResponse> {
    return this.transport.fetchJson(`${BASE}/graph`, {
      query: {
        rootEntityRefs: request.rootEntityRefs.join(','),
        maxDepth: request.maxDepth,
        relationTypes: request.relationTypes?.length ? request.relationTypes.join(',') : undefined,
        maxNodes: request.maxNodes,
      },
      signal: options.signal,
    });
  }

  getLocationByEntity(ref: CompoundEntityRef, options: RequestOptions = {}): Promise<CatalogLocation> {
    return this.transport.fetchJson(`${BASE}/locations/by-entity/${entityPath(ref)}`, { signal: options.signal });
  }

  addLocation(spec: LocationSpec, options: { dryRun?: boolean } & RequestOptions = {}): Promise<RegisterLocationResponse> {
    return this.transport.fetchJson(`${BASE}/locations`, {
      method: 'POST',
      query: { dryRun: options.dryRun ? 'true' : undefined },
      body: spec,
      signal: options.signal,
    });
  }

  async removeLocation(id: string): Promise<void> {
    await this.transport.fetchJson(`${BASE}/locations/${encodeURIComponent(id)}`, { method: 'DELETE' });
  }

  analyzeLocation(location: LocationSpec, options: RequestOptions = {}): Promise<AnalyzeLocationResponse> {
    return this.transport.fetchJson(`${BASE}/analyze-location`, { method: 'POST', body: { location }, signal: options.signal });
  }

  async refreshEntity(entity: Pick<Entity, 'kind' | 'metadata'>): Promise<void> {
    await this.transport.fetchJson(`${BASE}/refresh`, { method: 'POST', body: { entityRef: stringifyEntityRef(entity) } });
  }

  async removeEntityByUid(uid: string): Promise<void> {
    await this.transport.fetchJson(`${BASE}/entities/by-uid/${encodeURIComponent(uid)}`, { method: 'DELETE' });
  }
}
