import { defineConfig } from 'vitest/config';
export default defineConfig({
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'], externalConditions: ['source'] } },
  test: { include: ['plugins/catalog/src/server/ingestion/perf/*.perf.ts'], testTimeout: 3_600_000, pool: 'forks', execArgv: ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] },
});
