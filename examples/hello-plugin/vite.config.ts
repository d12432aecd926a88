import { isSharedModule, unsharedDeepImportProblem } from '@portico/web/build';
import { defineConfig, type Plugin } from 'vite';

/**
 * Builds the web part as one ES module (plus a chunk per lazy page) in dist/web/. Everything the
 * portal shares through its import map stays external, so the plugin runs on the portal's own
 * React, router, query client, MUI theme and @portico/web.
 */
export default defineConfig({
  plugins: [rejectUnsharedDeepImports()],
  build: {
    lib: { entry: 'src/web/index.tsx', formats: ['es'], fileName: () => 'index.js' },
    outDir: 'dist/web',
    emptyOutDir: true,
    minify: true,
    rolldownOptions: {
      external: (id) => isSharedModule(id),
      output: { chunkFileNames: '[name]-[hash].js' },
      // MUI's icons start with 'use client', which means nothing outside React Server Components.
      onLog(level, log, handler) {
        if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
      },
    },
  },
  // Library mode leaves process.env.NODE_ENV alone; browsers have no `process`.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
});

/** A deep import such as '@mui/material/Button' would bundle a second MUI; fail the build instead. */
function rejectUnsharedDeepImports(): Plugin {
  return {
    name: 'portico:reject-unshared-deep-imports',
    enforce: 'pre',
    resolveId(source) {
      const problem = unsharedDeepImportProblem(source);
      if (problem !== undefined) this.error(problem);
      return undefined;
    },
  };
}
