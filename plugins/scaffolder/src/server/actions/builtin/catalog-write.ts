import { z } from 'zod';
import { stringify } from 'yaml';
import { writeFileNoFollow } from '../../paths/workspace-paths.js';
import { createTemplateAction } from '../types.js';

export const SOURCE_TEMPLATE_ANNOTATION = 'backstage.io/source-template';

const entitySchema = z
  .object({
    apiVersion: z.string().min(1),
    kind: z.string().min(1),
    metadata: z.object({ name: z.string().min(1), annotations: z.record(z.string(), z.string()).optional() }).passthrough(),
  })
  .passthrough();

/**
 * `catalog:write`: writes an entity as YAML into the workspace, annotated with the template that
 * made it (`backstage.io/source-template`), so the catalog can show where it came from.
 */
export function createCatalogWriteAction() {
  return createTemplateAction({
    id: 'catalog:write',
    description: 'Writes a catalog entity as YAML (catalog-info.yaml by default) into the workspace, with the backstage.io/source-template annotation.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Write the component the template creates',
        example:
          'action: catalog:write\ninput:\n  entity:\n    apiVersion: backstage.io/v1alpha1\n    kind: Component\n    metadata:\n      name: ${{ parameters.name }}\n    spec:\n      type: service\n      lifecycle: experimental\n      owner: ${{ parameters.owner }}',
      },
    ],
    schema: {
      input: z.object({
        filePath: z.string().min(1).default('catalog-info.yaml').describe('Where to write it, relative to the workspace'),
        entity: entitySchema.describe('The entity to write'),
      }),
    },
    async handler(ctx) {
      const { entity, filePath } = ctx.input;
      const templateRef = ctx.templateInfo.entityRef;
      const annotated = {
        ...entity,
        metadata: {
          ...entity.metadata,
          annotations: { ...(entity.metadata.annotations ?? {}), ...(templateRef ? { [SOURCE_TEMPLATE_ANNOTATION]: templateRef } : {}) },
        },
      };
      const target = await ctx.resolvePath(filePath);
      await writeFileNoFollow(target, stringify(annotated));
      ctx.logger.info(`Wrote ${filePath}`);
    },
  });
}
