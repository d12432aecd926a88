import {
  ConflictError,
  InputError,
  isErrorResponseBody,
  NotAllowedError,
  NotFoundError,
  parseEntityRef,
  ServiceUnavailableError,
  type Entity,
} from '@portico/model';

/** A place the catalog reads entities from (Backstage's location spec). */
export interface CatalogLocation {
  type: 'url' | 'git' | 'file';
  target: string;
}

/**
 * Everything the scaffolder asks of the catalog, in one small interface: the plugin builds it
 * from the catalog's HTTP API today; reads can switch to the catalog's service in one line.
 */
export interface CatalogAccess {
  /** The entity, or undefined when the catalog has none by that ref. */
  getEntityByRef(entityRef: string): Promise<Entity | undefined>;
  /** Registers a location and returns the entities it holds (read at once by the catalog). */
  registerLocation(location: CatalogLocation): Promise<{ entities: Entity[]; exists: boolean }>;
}

/**
 * The catalog through its REST API (`<baseUrl>/api/catalog`, Backstage's paths). `baseUrl` is
 * read per call because the server's own address is known only once it listens.
 */
export function createHttpCatalogAccess(baseUrl: () => string): CatalogAccess {
  const call = async (path: string, init?: RequestInit): Promise<Response> => {
    const url = `${baseUrl().replace(/\/+$/, '')}/api/catalog${path}`;
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
    } catch (error) {
      throw new ServiceUnavailableError(`The catalog at ${url} cannot be reached: ${(error as Error).message}`);
    }
  };
  return {
    async getEntityByRef(entityRef) {
      const { kind, namespace, name } = parseEntityRef(entityRef);
      const response = await call(`/entities/by-name/${[kind, namespace, name].map(encodeURIComponent).join('/')}`);
      if (response.status === 404) {
        await response.body?.cancel();
        return undefined;
      }
      if (!response.ok) throw await catalogError(response);
      return (await response.json()) as Entity;
    },
    async registerLocation(location) {
      const response = await call('/locations', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(location),
      });
      if (!response.ok) throw await catalogError(response);
      const body = (await response.json()) as { entities?: Entity[]; exists?: boolean };
      return { entities: body.entities ?? [], exists: body.exists === true };
    },
  };
}

async function catalogError(response: Response): Promise<Error> {
  const text = await response.text();
  let message = `HTTP ${response.status}`;
  try {
    const body: unknown = JSON.parse(text);
    if (isErrorResponseBody(body)) message = body.error.message;
  } catch {
    if (text) message = `${message}: ${text.slice(0, 300)}`;
  }
  const full = `The catalog answered: ${message}`;
  switch (response.status) {
    case 400:
      return new InputError(full);
    case 403:
      return new NotAllowedError(full);
    case 404:
      return new NotFoundError(full);
    case 409:
      return new ConflictError(full);
    default:
      return new ServiceUnavailableError(full);
  }
}

/**
 * Reads through an in-process catalog service (the catalog plugin's `catalogServiceRef`, once
 * the scaffolder lists it in `deps`), registrations still through the HTTP API.
 */
export function withCatalogReads(service: { getEntityByRef(entityRef: string): Promise<Entity | undefined> }, http: CatalogAccess): CatalogAccess {
  return {
    getEntityByRef: (entityRef) => {
      const { kind, namespace, name } = parseEntityRef(entityRef);
      return service.getEntityByRef(`${kind}:${namespace}/${name}`.toLowerCase());
    },
    registerLocation: (location) => http.registerLocation(location),
  };
}
