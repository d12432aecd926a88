import { request } from '../http-client.js';
import { round1 } from '../stats.js';
import { sleep, type ServerUnderTest } from './server.js';

export interface StartupResult {
  first_http_answer_ms: number;
  first_status: number;
  catalog_entities_200_ms: number;
}

/**
 * Polls `GET /api/catalog/entities?limit=1` every 20 ms on fresh connections: the first answer of
 * any status (the server listens), then the first 200 (the catalog serves).
 */
export async function waitForStartup(server: ServerUnderTest, timeoutMs = 120_000): Promise<StartupResult> {
  let firstAnswer: { ms: number; status: number } | null = null;
  for (;;) {
    const exit = server.exitReason();
    if (exit) throw new Error(`the server stopped during startup: ${exit}`);
    if (server.sinceSpawnMs() > timeoutMs) {
      throw new Error(`the catalog did not answer 200 within ${timeoutMs / 1000} s${firstAnswer ? ` (it answered ${firstAnswer.status})` : ' (no HTTP answer at all)'}`);
    }
    try {
      const response = await request(`${server.baseUrl}/api/catalog/entities?limit=1`, false, { timeoutMs: 5000 });
      const at = server.sinceSpawnMs();
      firstAnswer ??= { ms: at, status: response.status };
      if (response.status === 200) {
        return { first_http_answer_ms: round1(firstAnswer.ms), first_status: firstAnswer.status, catalog_entities_200_ms: round1(at) };
      }
    } catch {
      // not listening yet
    }
    await sleep(20);
  }
}
