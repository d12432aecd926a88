import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Runs the catalog's `*.perf.ts` measurements (not part of `npm test`): query latencies at 100k
 * entities (this folder) and ingestion throughput (ingestion/perf). Long timeouts, one file at a time.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../../../../../../', import.meta.url)),
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'], externalConditions: ['source'] } },
  test: { include: ['plugins/catalog/src/**/*.perf.ts'], testTimeout: 3_600_000, hookTimeout: 3_600_000, pool: 'forks', fileParallelism: false },
});
