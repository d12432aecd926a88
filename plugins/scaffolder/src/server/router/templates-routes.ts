import { isJsonObject } from '@portico/model';
import { z } from 'zod';
import type { TemplateParameterSchema } from '../../common/tasks.js';
import { findTemplate } from '../catalog/find-template.js';
import { parameterSteps } from '../runner/validate-parameters.js';
import type { RouterContext } from './context.js';

const DEFAULT_STEP_TITLE = 'Please enter the following information';

/** The form of a template and the installed actions. */
export function registerTemplatesRoutes(context: RouterContext): void {
  const { router, catalog } = context;

  router.get(
    '/v2/templates/:namespace/:kind/:name/parameter-schema',
    { schema: { params: z.object({ namespace: z.string().min(1), kind: z.string().min(1), name: z.string().min(1) }) } },
    async (request): Promise<TemplateParameterSchema> => {
      const { namespace, kind, name } = request.params;
      const template = await findTemplate(catalog, `${kind}:${namespace}/${name}`);
      const presentation = template.spec.presentation;
      const uiOptions = (template.metadata as { 'ui:options'?: unknown })['ui:options'];
      return {
        title: template.metadata.title ?? template.metadata.name,
        ...(template.metadata.description ? { description: template.metadata.description } : {}),
        ...(isJsonObject(uiOptions) ? { 'ui:options': uiOptions } : {}),
        ...(presentation ? { presentation } : {}),
        steps: parameterSteps(template.spec).map((schema) => ({
          title: typeof schema.title === 'string' ? schema.title : DEFAULT_STEP_TITLE,
          ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
          schema,
        })),
      };
    },
  );

  router.get('/v2/actions', async () => context.actions.describe());
}
