import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the "source" export condition,
// so tests never need a build first.
export default defineConfig({
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: ['source', 'module', 'node', 'development|production'], externalConditions: ['source'] } },
  test: {
    include: ['packages/*/src/**/*.test.{ts,tsx}', 'plugins/*/src/**/*.test.{ts,tsx}', 'examples/*/src/**/*.test.{ts,tsx}', 'bench/**/*.test.ts'],
    exclude: process.env.PORTICO_TEST_DATABASES?.includes('pg') ? ['**/node_modules/**'] : ['**/node_modules/**', '**/*.pg.test.ts'],
    reporters: ['default', './scripts/vitest-summary-reporter.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
