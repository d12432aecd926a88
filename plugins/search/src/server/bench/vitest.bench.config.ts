import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The search benchmark, kept out of `npm test` (see search.bench.ts for how to run it).
export default defineConfig({
  root: fileURLToPath(new URL('../../../../../', import.meta.url)),
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'], externalConditions: ['source'] } },
  test: {
    include: ['plugins/search/src/server/bench/*.bench.ts'],
    testTimeout: 3_600_000,
    hookTimeout: 3_600_000,
    pool: 'forks',
  },
});
