import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { sharedModulesPlugin } from './src/build/shared-modules-plugin.js';

/** Where `npm run dev` finds the Portico server (`npm start` or the server's own dev command). */
const serverUrl = process.env.PORTICO_SERVER_URL ?? 'http://localhost:7007';

export default defineConfig({
  plugins: [react(), sharedModulesPlugin()],
  resolve: {
    // Workspace packages (@portico/web, plugins) resolve to their TypeScript sources.
    conditions: ['source', 'module', 'browser', 'development|production'],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // Vite's default: hashed names under dist/assets/, which the server caches for a year.
    chunkSizeWarningLimit: 600,
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(['/api', '/plugins', '/healthz', '/metrics'].map((prefix) => [prefix, serverUrl])),
  },
});
