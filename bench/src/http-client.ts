import http from 'node:http';

export interface TimedResponse {
  status: number;
  body: Buffer;
  /** From sending the request to the last byte of the body. */
  ms: number;
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  /** Sent as JSON. */
  json?: unknown;
  timeoutMs?: number;
  /** false: a fresh connection (used while polling a server that may not listen yet). */
  agent?: http.Agent | false;
}

/**
 * One keep-alive connection, as the peer harness uses for its sequential measurements: every
 * request pays for the server's work and the loopback, not for a TCP handshake.
 */
export function createSequentialAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: 1 });
}

export function request(url: string, agent: http.Agent | false, options: RequestOptions = {}): Promise<TimedResponse> {
  const payload = options.json === undefined ? undefined : Buffer.from(JSON.stringify(options.json));
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.request(
      url,
      {
        method: options.method ?? (payload ? 'POST' : 'GET'),
        agent: options.agent ?? agent,
        timeout: options.timeoutMs ?? 120_000,
        headers: payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), ms: performance.now() - started }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new RequestTimeoutError(`timeout after ${options.timeoutMs ?? 120_000} ms: ${url}`)));
    req.on('error', reject);
    req.end(payload);
  });
}

export class UnexpectedResponseError extends Error {}

/** The server did not answer within the request's timeout. */
export class RequestTimeoutError extends Error {}

export async function requestJson(url: string, agent: http.Agent | false, options: RequestOptions = {}): Promise<unknown> {
  const response = await request(url, agent, options);
  if (response.status !== 200) {
    throw new UnexpectedResponseError(`${url} answered ${response.status}: ${response.body.toString().slice(0, 300)}`);
  }
  return JSON.parse(response.body.toString()) as unknown;
}
