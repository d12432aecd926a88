import { InputError, NotFoundError, NotAllowedError, ServiceUnavailableError } from '@portico/model';
import { decodeUtf8, tooLargeError } from './read-limits.js';
import { checkResolvedAddress, checkUrlAllowed, redactUrl, type ReadingPolicy } from './reading-policy.js';

export interface UrlReadOptions {
  policy: ReadingPolicy;
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
  /** The ETag of the copy read last time; a 304 answer returns `{ unchanged: true }`. */
  etag?: string;
}

export type UrlReadResult = { unchanged: true } | { unchanged: false; text: string; etag?: string; finalUrl: string };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Reads a URL with Node's fetch. Redirects are followed by hand so every hop is checked against
 * the allow list again (an allowed host must not bounce the reader to an internal one), an
 * integration token goes only to its own host, the body is cut off at `maxBytes`, and the whole
 * read (redirects included) must finish within `timeoutMs`.
 */
export async function readUrl(target: string, options: UrlReadOptions): Promise<UrlReadResult> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let current = target;
  const shownTarget = redactUrl(target);
  for (let hop = 0; ; hop++) {
    const allowed = checkUrlAllowed(current, options.policy);
    await checkResolvedAddress(allowed);
    const headers: Record<string, string> = { accept: 'application/yaml, text/yaml, text/plain, application/json, */*' };
    if (options.etag && hop === 0) headers['if-none-match'] = options.etag;
    if (allowed.integration?.token) headers.authorization = `Bearer ${allowed.integration.token}`;
    let response: Response;
    try {
      response = await fetch(allowed.url, { redirect: 'manual', signal, headers });
    } catch (error) {
      throw fetchError(shownTarget, error, options.timeoutMs);
    }
    if (REDIRECTS.has(response.status)) {
      await response.body?.cancel();
      const location = response.headers.get('location');
      if (!location) throw new InputError(`${shownTarget} answered HTTP ${response.status} without a Location header`);
      if (hop >= options.maxRedirects) {
        throw new InputError(`${shownTarget} redirected more than ${options.maxRedirects} times (catalog.limits.maxRedirects)`);
      }
      const next = new URL(location, allowed.url).toString();
      try {
        checkUrlAllowed(next, options.policy);
      } catch (error) {
        if (error instanceof NotAllowedError) {
          throw new NotAllowedError(`${shownTarget} redirected to ${redactUrl(next)}, which may not be read: ${error.message}`);
        }
        throw error;
      }
      current = next;
      continue;
    }
    if (response.status === 304) {
      await response.body?.cancel();
      return { unchanged: true };
    }
    if (response.status === 404 || response.status === 410) {
      await response.body?.cancel();
      throw new NotFoundError(`${shownTarget} was not found (HTTP ${response.status})`);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new ServiceUnavailableError(`Reading ${shownTarget} failed: HTTP ${response.status} ${response.statusText}`.trim());
    }
    const bytes = await readBody(response, shownTarget, options.maxBytes, options.timeoutMs);
    const etag = response.headers.get('etag') ?? undefined;
    return { unchanged: false, text: decodeUtf8(bytes, shownTarget), ...(etag ? { etag } : {}), finalUrl: allowed.url.toString() };
  }
}

async function readBody(response: Response, shown: string, maxBytes: number, timeoutMs: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLargeError(shown, declared, maxBytes);
  }
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw tooLargeError(shown, undefined, maxBytes);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw fetchError(shown, error, timeoutMs);
  }
  return Buffer.concat(chunks);
}

function fetchError(shown: string, error: unknown, timeoutMs: number): Error {
  const failure = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (failure.name === 'TimeoutError' || failure.name === 'AbortError') {
    return new ServiceUnavailableError(`Reading ${shown} took longer than ${formatDuration(timeoutMs)} (catalog.limits.readTimeout)`);
  }
  const reason = failure.cause?.code ?? failure.cause?.message ?? failure.message ?? 'unknown error';
  return new ServiceUnavailableError(`Could not reach ${shown}: ${reason}`);
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}
