import type { FastifyInstance } from 'fastify';
import { errorBody } from './error-handler.js';

export interface ReadinessCheck {
  /** True once every plugin is set up and migrations are done; false again while shutting down. */
  isStarted(): boolean;
  /** Resolves when the database answers. */
  pingDatabase(): Promise<void>;
}

/** `/healthz`: the process is alive. `/readyz`: it can serve traffic (load balancers use this). */
export function registerHealth(app: FastifyInstance, readiness: ReadinessCheck): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (request, reply) => {
    if (!readiness.isStarted()) {
      return reply.status(503).send(errorBody(request, 503, 'ServiceUnavailableError', 'Portico is not started'));
    }
    try {
      await readiness.pingDatabase();
    } catch (error) {
      request.log.warn({ err: error }, 'readiness: database unreachable');
      return reply.status(503).send(errorBody(request, 503, 'ServiceUnavailableError', 'The database is unreachable'));
    }
    return { status: 'ready' };
  });
}
