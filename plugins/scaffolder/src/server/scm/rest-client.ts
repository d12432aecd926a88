import { InputError, NotAllowedError, NotFoundError, ServiceUnavailableError } from '@portico/model';

export class ScmApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'ScmApiError';
  }
}

export interface RestClientOptions {
  /** e.g. "GitHub", for messages. */
  provider: string;
  apiBaseUrl: string;
  /** Headers with the credentials; never shown in messages. */
  headers: Record<string, string>;
  signal: AbortSignal;
}

/**
 * A small JSON client for a code host's REST API. Errors name the method, the path and the
 * host's own message, never the credentials.
 */
export class RestClient {
  constructor(private readonly options: RestClientOptions) {}

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = `${this.options.apiBaseUrl}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...this.options.headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        redirect: 'error',
        signal: AbortSignal.any([this.options.signal, AbortSignal.timeout(60_000)]),
      });
    } catch (error) {
      if (this.options.signal.aborted) throw error;
      throw new ServiceUnavailableError(`${this.options.provider} API ${method} ${path} could not be reached: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok) throw this.failure(method, path, response.status, text);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private failure(method: string, path: string, status: number, text: string): Error {
    let detail = text.slice(0, 300);
    try {
      const parsed = JSON.parse(text) as { message?: unknown; error?: unknown; errors?: unknown };
      const parts = [parsed.message, parsed.error].filter((part) => typeof part === 'string') as string[];
      if (Array.isArray(parsed.errors)) {
        parts.push(...parsed.errors.map((error) => (typeof error === 'string' ? error : ((error as { message?: string }).message ?? JSON.stringify(error)))));
      }
      if (parts.length) detail = parts.join('; ');
    } catch {
      // not JSON: keep the text
    }
    const message = `${this.options.provider} API ${method} ${path} answered ${status}: ${detail || 'no details'}`;
    if (status === 401 || status === 403) return new NotAllowedError(message);
    if (status === 404) return new NotFoundError(message);
    if (status === 400 || status === 409 || status === 422) return new ScmApiError(message, status);
    if (status >= 500) return new ServiceUnavailableError(message);
    return new InputError(message);
  }
}

export const isStatus = (error: unknown, status: number): boolean =>
  (error instanceof ScmApiError && error.status === status) || (status === 404 && error instanceof NotFoundError);
