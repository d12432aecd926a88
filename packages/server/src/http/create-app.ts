import crypto from 'node:crypto';
import zlib from 'node:zlib';
import Fastify, { LogController, type FastifyBaseLogger } from 'fastify';
import fastifyCompress from '@fastify/compress';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { PluginRouter } from '../plugin-api/index.js';
import type { Logger } from 'pino';
import { handleError } from './error-handler.js';

export interface CreateAppOptions {
  logger: Logger;
  bodyLimit: number;
}

const requestIdPattern = /^[A-Za-z0-9._-]{1,128}$/;

/** The Fastify instance every plugin router hangs off, with the kernel's cross-cutting parts. */
export function createApp(options: CreateAppOptions): PluginRouter {
  const loggerInstance: FastifyBaseLogger = options.logger;
  const app = Fastify({
    loggerInstance,
    bodyLimit: options.bodyLimit,
    // Accept a caller's request id so logs join up across services; make one otherwise.
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && requestIdPattern.test(given) ? given : crypto.randomUUID();
    },
    // One log line per request, written by our onResponse hook (with the route and duration).
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
    // In-flight requests finish on close; idle keep-alive sockets are closed at once.
    forceCloseConnections: 'idle',
  }).withTypeProvider<ZodTypeProvider>();

  // Backstage's clients send `content-type: application/json` on DELETE requests without a body;
  // an empty JSON body means "no body" rather than a parse error. Everything else goes through
  // Fastify's own parser, which also refuses __proto__ and constructor poisoning.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    parseJson(request, text, done);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // While closing, answers carry `Connection: close` so keep-alive clients let go and close()
  // finishes as soon as the running requests do, instead of waiting for idle timeouts.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) void reply.header('connection', 'close');
    return payload;
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request completed',
    );
  });
  void app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    // Quality 4 keeps brotli on the fly cheap; hashed assets are compressed once per response.
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  return app;
}
