import type { PluginRouter } from '@portico/server';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { SearchAccess, SearchAccessPolicy } from '../extension-points.js';
import { allOf } from '../query/search-filter.js';
import type { SearchCallerOptions, SearchService } from '../service/search-service.js';
import { readFacetsQuery, readSearchQuery } from './search-params.js';

export interface SearchRoutesOptions {
  router: PluginRouter;
  service: SearchService;
  accessPolicies: readonly SearchAccessPolicy[];
  /** Runs a full re-index and resolves when it is done (for `?wait=true`). */
  reindexAndWait: (collatorId?: string) => Promise<string[]>;
}

/**
 * `/api/search`: Backstage's `GET /query`, plus facet counts for the filters, an on-demand full
 * re-index and the index status.
 */
export function registerSearchRoutes({ router, service, accessPolicies, reindexAndWait }: SearchRoutesOptions): void {
  const callerOf = async (request: FastifyRequest): Promise<SearchCallerOptions> => {
    const decisions: SearchAccess[] = await Promise.all(accessPolicies.map((policy) => policy.resolve(request)));
    const preFilter = allOf(...decisions.map((decision) => decision.filter));
    const ownershipRefs = [...new Set(decisions.flatMap((decision) => decision.ownershipRefs ?? []))];
    return { ...(preFilter ? { preFilter } : {}), ownershipRefs };
  };

  router.get('/query', async (request) => service.query(readSearchQuery(request.raw.url ?? request.url), await callerOf(request)));

  router.get('/facets', async (request) => service.facets(readFacetsQuery(request.raw.url ?? request.url), await callerOf(request)));

  router.post(
    '/reindex',
    {
      schema: {
        querystring: z.object({ collator: z.string().min(1).max(100).optional(), wait: z.enum(['true', 'false']).optional() }),
      },
    },
    async (request, reply) => {
      const { collator, wait } = request.query;
      if (wait === 'true') return reply.status(200).send({ collators: await reindexAndWait(collator) });
      return reply.status(202).send({ collators: await service.reindex(collator) });
    },
  );

  router.get('/status', async () => service.status());
}
