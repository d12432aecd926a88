import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { APP_RUNTIME_GLOBAL, APP_RUNTIME_PLACEHOLDER, type AppRuntime } from '@portico/model';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './error-handler.js';

export interface RuntimeWebModule {
  pluginId: string;
  /** Folder holding the plugin's prebuilt web module and its chunks. */
  directory: string;
  /** File name of the module's entry inside `directory`. */
  entry: string;
}

export interface WebAppOptions {
  /** The built app (index.html + assets/), or undefined when it is not built. */
  distDir: string | undefined;
  runtime: AppRuntime;
  webModules: RuntimeWebModule[];
}

const hashedAsset = /\/assets\/.+-[A-Za-z0-9_-]{8,}\.(js|css|woff2?|svg|png)$/;

/**
 * Serves the web app: hashed assets cached for a year, index.html never cached and carrying the
 * runtime config, SPA fallback for every other browser path, and each runtime plugin's web module
 * under /plugins/<id>/. API paths that match nothing get a JSON 404 instead.
 */
export function registerWebApp(app: FastifyInstance, options: WebAppOptions): void {
  const indexHtml = options.distDir ? readIndexHtml(options.distDir, options.runtime) : undefined;

  if (options.distDir && indexHtml !== undefined) {
    void app.register(fastifyStatic, {
      root: options.distDir,
      prefix: '/',
      index: false,
      wildcard: true,
      setHeaders: (reply, filePath) => {
        void reply.header(
          'cache-control',
          hashedAsset.test(filePath.replaceAll(path.sep, '/')) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  for (const module of options.webModules) {
    void app.register(fastifyStatic, {
      root: module.directory,
      prefix: `/plugins/${module.pluginId}/`,
      decorateReply: false,
      index: false,
      // Plugin modules are not content-hashed by name, so browsers revalidate them.
      setHeaders: (reply) => void reply.header('cache-control', 'no-cache'),
    });
  }

  app.get('/api/app/runtime', async () => options.runtime);
  if (indexHtml !== undefined) {
    app.get('/', (_request, reply) => sendIndex(reply, indexHtml));
  }

  app.setNotFoundHandler((request, reply) => {
    if (indexHtml !== undefined && wantsAppPage(request)) return sendIndex(reply, indexHtml);
    return reply
      .status(404)
      .send(errorBody(request, 404, 'NotFoundError', `No route for ${request.method} ${request.url.split('?')[0]}`));
  });
}

function wantsAppPage(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const url = request.url;
  if (url.startsWith('/api/') || url.startsWith('/plugins/') || url.startsWith('/assets/')) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

function sendIndex(reply: FastifyReply, html: string): FastifyReply {
  return reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
}

function readIndexHtml(distDir: string, runtime: AppRuntime): string | undefined {
  const file = path.join(distDir, 'index.html');
  if (!fs.existsSync(file)) return undefined;
  const html = fs.readFileSync(file, 'utf8');
  // JSON inside <script>: escape '<' so a value containing </script> cannot end the element.
  const json = JSON.stringify(runtime).replace(/</g, '\\u003c');
  const script = `<script>window.${APP_RUNTIME_GLOBAL}=${json}</script>`;
  return html.includes(APP_RUNTIME_PLACEHOLDER)
    ? html.replace(APP_RUNTIME_PLACEHOLDER, script)
    : html.replace('</head>', `${script}</head>`);
}
