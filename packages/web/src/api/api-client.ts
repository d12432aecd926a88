import { ResponseError, isErrorResponseBody, type ErrorResponseBody } from '@portico/model';

/**
 * Sent on every state-changing request. A cross-site form or image cannot set custom headers,
 * so the server treats a cookie-authenticated write without it as forged.
 */
export const CSRF_HEADER = 'X-Requested-With';
export const CSRF_HEADER_VALUE = 'portico';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type QueryValue = string | number | boolean | undefined | null;
/** Query parameters; an array repeats the key (`?filter=a&filter=b`), `undefined` leaves it out. */
export type QueryParams = Readonly<Record<string, QueryValue | readonly QueryValue[]>>;

export interface ApiRequestOptions<T> {
  method?: string;
  query?: QueryParams;
  /** Serialised as JSON. */
  body?: unknown;
  headers?: Readonly<Record<string, string>>;
  signal?: AbortSignal;
  /**
   * Checks the response body, e.g. a zod schema's `parse`. Without it the body is trusted to be
   * `T`, which is what the server's contract promises.
   */
  parse?: (body: unknown) => T;
}

export interface ApiClientOptions {
  /** Prefix for request paths; empty (same origin) in the browser. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

export interface ApiClient {
  /** Sends a request and returns the JSON body; throws `ResponseError` on an error status. */
  fetchJson<T>(path: string, options?: ApiRequestOptions<T>): Promise<T>;
  getJson<T>(path: string, options?: Omit<ApiRequestOptions<T>, 'method' | 'body'>): Promise<T>;
  postJson<T>(path: string, body?: unknown, options?: Omit<ApiRequestOptions<T>, 'method' | 'body'>): Promise<T>;
  putJson<T>(path: string, body?: unknown, options?: Omit<ApiRequestOptions<T>, 'method' | 'body'>): Promise<T>;
  patchJson<T>(path: string, body?: unknown, options?: Omit<ApiRequestOptions<T>, 'method' | 'body'>): Promise<T>;
  deleteJson<T>(path: string, options?: Omit<ApiRequestOptions<T>, 'method' | 'body'>): Promise<T>;
}

export function createApiClient(clientOptions: ApiClientOptions = {}): ApiClient {
  const baseUrl = (clientOptions.baseUrl ?? '').replace(/\/+$/, '');

  async function fetchJson<T>(path: string, options: ApiRequestOptions<T> = {}): Promise<T> {
    const method = (options.method ?? 'GET').toUpperCase();
    const url = `${baseUrl}${path}${queryString(options.query)}`;
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    if (!SAFE_METHODS.has(method)) headers[CSRF_HEADER] = CSRF_HEADER_VALUE;
    const hasBody = options.body !== undefined;
    if (hasBody) headers['Content-Type'] = 'application/json';

    // Read at call time, so a test or a polyfill that replaces fetch later is honoured.
    const send = clientOptions.fetch ?? globalThis.fetch;
    const response = await send(url, {
      method,
      headers,
      body: hasBody ? JSON.stringify(options.body) : undefined,
      credentials: 'same-origin',
      signal: options.signal,
    });
    const text = await response.text();
    if (!response.ok) throw responseError(response, text, method, path);
    const body = parseJson(text, () => `${method} ${path} answered ${response.status} with a body that is not JSON`);
    return options.parse ? options.parse(body) : (body as T);
  }

  return {
    fetchJson,
    getJson: (path, options) => fetchJson(path, { ...options, method: 'GET' }),
    postJson: (path, body, options) => fetchJson(path, { ...options, method: 'POST', body }),
    putJson: (path, body, options) => fetchJson(path, { ...options, method: 'PUT', body }),
    patchJson: (path, body, options) => fetchJson(path, { ...options, method: 'PATCH', body }),
    deleteJson: (path, options) => fetchJson(path, { ...options, method: 'DELETE' }),
  };
}

function parseJson(text: string, describe: () => string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(describe(), { cause: error });
  }
}

function queryString(query: QueryParams | undefined): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    const values: readonly QueryValue[] = Array.isArray(value) ? value : [value as QueryValue];
    for (const item of values) {
      if (item !== undefined && item !== null) params.append(key, String(item));
    }
  }
  const encoded = params.toString();
  return encoded === '' ? '' : `?${encoded}`;
}

/** Rebuilds the server's error; a body that is not Portico's error shape still yields one. */
function responseError(response: Response, text: string, method: string, path: string): ResponseError {
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    // A proxy's HTML error page, for example: fall through to the generic error below.
    parsed = undefined;
  }
  if (isErrorResponseBody(parsed)) {
    return new ResponseError({ ...parsed, response: { statusCode: response.status } });
  }
  const body: ErrorResponseBody = {
    error: {
      name: 'Error',
      message: `Request failed with ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
    },
    request: { method, url: path },
    response: { statusCode: response.status },
  };
  return new ResponseError(body);
}

const defaultClient = createApiClient();

/** Same-origin API calls from the browser. */
export const { fetchJson, getJson, postJson, putJson, patchJson, deleteJson } = defaultClient;
