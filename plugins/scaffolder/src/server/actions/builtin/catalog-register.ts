import { InputError, stringifyEntityRef, type Entity } from '@portico/model';
import { z } from 'zod';
import type { CatalogAccess, CatalogLocation } from '../../catalog/catalog-access.js';
import type { GitIntegration } from '../../git/integrations.js';
import { createTemplateAction } from '../types.js';

const joinPath = (base: string, file: string) => `${base.replace(/\/+$/, '')}/${file.replace(/^\/+/, '')}`;

/**
 * Where the catalog should read a published repository's catalog file. A repository on a plain
 * git server (an `integrations.git` host) has no URL that serves raw files, so it is registered
 * as a `git` location (`<repo>.git#<path>`, read at the default branch); anything else is a `url`.
 */
export function catalogLocationFor(
  input: { catalogInfoUrl?: string | undefined; repoContentsUrl?: string | undefined; catalogInfoPath: string },
  integrations: readonly GitIntegration[],
): { location: CatalogLocation; catalogInfoUrl: string } {
  if (input.catalogInfoUrl) return { location: { type: 'url', target: input.catalogInfoUrl }, catalogInfoUrl: input.catalogInfoUrl };
  const contents = input.repoContentsUrl;
  if (!contents) throw new InputError('catalog:register needs catalogInfoUrl, or repoContentsUrl (with catalogInfoPath)');
  const catalogInfoUrl = joinPath(contents, input.catalogInfoPath);
  const onGitServer = integrations.some((integration) => {
    const prefix = (integration.baseUrl ?? `https://${integration.host}`).replace(/\/+$/, '');
    return contents.startsWith(`${prefix}/`);
  });
  if (onGitServer) {
    return { location: { type: 'git', target: `${contents.replace(/\/+$/, '')}.git#${input.catalogInfoPath.replace(/^\/+/, '')}` }, catalogInfoUrl };
  }
  return { location: { type: 'url', target: catalogInfoUrl }, catalogInfoUrl };
}

/** The entity a registration is about: the first that is not a Location (Backstage's choice). */
function mainEntity(entities: readonly Entity[]): Entity | undefined {
  return entities.find((entity) => entity.kind.toLowerCase() !== 'location') ?? entities[0];
}

/** `catalog:register`: registers the new repository's catalog file as a catalog location. */
export function createCatalogRegisterAction(options: { catalog: CatalogAccess; integrations: readonly GitIntegration[] }) {
  return createTemplateAction({
    id: 'catalog:register',
    description: 'Registers a catalog-info.yaml (by URL, or by the repository it was published to) as a location in the software catalog.',
    supportsDryRun: false,
    examples: [
      {
        description: 'Register what publish:git pushed',
        example:
          "action: catalog:register\ninput:\n  repoContentsUrl: ${{ steps['publish'].output.repoContentsUrl }}\n  catalogInfoPath: /catalog-info.yaml",
      },
    ],
    schema: {
      input: z
        .object({
          catalogInfoUrl: z.string().min(1).optional().describe('URL of the catalog file'),
          repoContentsUrl: z.string().min(1).optional().describe('Where the repository can be browsed (a publish action output)'),
          catalogInfoPath: z.string().min(1).default('/catalog-info.yaml').describe('Path of the catalog file inside the repository'),
          optional: z.boolean().default(false).describe('Log a warning instead of failing when the catalog cannot register it'),
        })
        .refine((input) => input.catalogInfoUrl !== undefined || input.repoContentsUrl !== undefined, {
          message: 'give catalogInfoUrl, or repoContentsUrl with catalogInfoPath',
        }),
      output: z.object({ entityRef: z.string().optional(), catalogInfoUrl: z.string() }),
    },
    async handler(ctx) {
      const { location, catalogInfoUrl } = catalogLocationFor(ctx.input, options.integrations);
      ctx.logger.info(`Registering ${location.type} location ${location.target} in the catalog`);
      try {
        const { entities, exists } = await options.catalog.registerLocation(location);
        if (exists) ctx.logger.info('The location was registered already');
        const entity = mainEntity(entities);
        if (entity) {
          const entityRef = stringifyEntityRef(entity);
          ctx.logger.info(`Registered ${entityRef}`);
          ctx.output('entityRef', entityRef);
        }
      } catch (error) {
        if (!ctx.input.optional) throw error;
        ctx.logger.warn(`Could not register ${location.target}; continuing because the step is optional: ${(error as Error).message}`);
      }
      ctx.output('catalogInfoUrl', catalogInfoUrl);
    },
  });
}
