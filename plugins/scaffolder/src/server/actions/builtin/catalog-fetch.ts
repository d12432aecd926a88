import { NotFoundError, parseEntityRef, stringifyEntityRef, type JsonObject } from '@portico/model';
import { z } from 'zod';
import type { CatalogAccess } from '../../catalog/catalog-access.js';
import { createTemplateAction } from '../types.js';

/** `catalog:fetch`: reads entities from the catalog into the step output. */
export function createCatalogFetchAction(options: { catalog: CatalogAccess }) {
  return createTemplateAction({
    id: 'catalog:fetch',
    description: 'Reads one entity (entityRef) or several (entityRefs) from the software catalog.',
    supportsDryRun: true,
    examples: [{ description: 'Read the owner group', example: 'action: catalog:fetch\ninput:\n  entityRef: ${{ parameters.owner }}' }],
    schema: {
      input: z
        .object({
          entityRef: z.string().min(1).optional(),
          entityRefs: z.array(z.string().min(1)).optional(),
          optional: z.boolean().default(false).describe('Output nothing (or null) instead of failing for a missing entity'),
          defaultKind: z.string().min(1).optional(),
          defaultNamespace: z.string().min(1).optional(),
        })
        .refine((input) => input.entityRef !== undefined || input.entityRefs !== undefined, { message: 'give entityRef or entityRefs' }),
      output: z.object({ entity: z.record(z.string(), z.unknown()).optional(), entities: z.array(z.record(z.string(), z.unknown()).nullable()).optional() }),
    },
    async handler(ctx) {
      const { input } = ctx;
      const context = { ...(input.defaultKind ? { defaultKind: input.defaultKind } : {}), ...(input.defaultNamespace ? { defaultNamespace: input.defaultNamespace } : {}) };
      const fetchOne = async (ref: string): Promise<JsonObject | null> => {
        const canonical = stringifyEntityRef(parseEntityRef(ref, context));
        const entity = await options.catalog.getEntityByRef(canonical);
        if (!entity && !input.optional) throw new NotFoundError(`Entity ${canonical} was not found in the catalog`);
        return entity ? (entity as unknown as JsonObject) : null;
      };
      if (input.entityRef !== undefined) {
        const entity = await fetchOne(input.entityRef);
        if (entity) ctx.output('entity', entity);
      }
      if (input.entityRefs !== undefined) {
        ctx.output('entities', await Promise.all(input.entityRefs.map(fetchOne)));
      }
    },
  });
}
