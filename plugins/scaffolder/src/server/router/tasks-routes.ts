import { InputError, type JsonObject } from '@portico/model';
import { z } from 'zod';
import { TASK_STATUSES, type TaskStatus } from '../../common/tasks.js';
import { entityBaseUrl, findTemplate } from '../catalog/find-template.js';
import { planSteps } from '../runner/plan-steps.js';
import { validateTemplateParameters } from '../runner/validate-parameters.js';
import { buildTaskSpec } from '../tasks/task-spec.js';
import type { RouterContext } from './context.js';
import { sendValidationErrors } from './validation-errors.js';

const taskParams = z.object({ taskId: z.string().min(1).max(100) });
const secretsSchema = z.record(z.string(), z.string());
const manyStrings = z.union([z.string(), z.array(z.string())]).optional();

/** `?status=failed,open&status=completed` → ['failed', 'open', 'completed'], each checked. */
function statusesOf(raw: string | string[] | undefined): TaskStatus[] | undefined {
  if (raw === undefined) return undefined;
  const values = [raw].flat().flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean);
  for (const value of values) {
    if (!(TASK_STATUSES as readonly string[]).includes(value)) {
      throw new InputError(`status: "${value}" is not a task status; use ${TASK_STATUSES.join(', ')}`);
    }
  }
  return values as TaskStatus[];
}

/** Backstage's `order=desc:created_at`, or plain `asc` / `desc`. */
function orderOf(raw: string | undefined): 'asc' | 'desc' {
  if (raw === undefined) return 'desc';
  const [direction, field] = raw.split(':');
  if ((direction !== 'asc' && direction !== 'desc') || (field !== undefined && field !== 'created_at')) {
    throw new InputError(`order: "${raw}" is not supported; use asc, desc, asc:created_at or desc:created_at`);
  }
  return direction;
}

/** Creating, listing, reading, cancelling and retrying tasks (Backstage's /v2/tasks paths). */
export function registerTasksRoutes(context: RouterContext): void {
  const { router, store, catalog } = context;

  router.post(
    '/v2/tasks',
    {
      schema: {
        body: z.object({ templateRef: z.string().min(1), values: z.record(z.string(), z.unknown()).default({}), secrets: secretsSchema.optional() }),
      },
    },
    async (request, reply) => {
      const { templateRef, values: rawValues, secrets = {} } = request.body;
      const values = rawValues as JsonObject;
      const template = await findTemplate(catalog, templateRef);
      const check = validateTemplateParameters(template.spec, values, { secrets });
      if (!check.valid) return sendValidationErrors(request, reply, check.errors);
      planSteps(template.spec, context.actions);
      const userRef = context.userRef;
      const userEntity = await catalog.getEntityByRef(userRef).catch(() => undefined);
      const spec = buildTaskSpec(template, values, { ref: userRef, entity: userEntity }, entityBaseUrl(template));
      const id = await store.create({ spec, createdBy: userRef, secrets });
      context.logger.info({ taskId: id, templateRef: spec.templateInfo.entityRef, createdBy: userRef }, 'Scaffolder task created');
      return reply.status(201).send({ id });
    },
  );

  router.get(
    '/v2/tasks',
    {
      schema: {
        querystring: z.object({
          createdBy: z.string().min(1).optional(),
          owner: z.enum(['me', 'all']).optional(),
          status: manyStrings,
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          offset: z.coerce.number().int().min(0).default(0),
          order: z.string().optional(),
        }),
      },
    },
    async (request) => {
      const query = request.query;
      const createdBy = query.createdBy ?? (query.owner === 'me' ? context.userRef : undefined);
      const status = statusesOf(query.status);
      return store.list({
        ...(createdBy ? { createdBy } : {}),
        ...(status ? { status } : {}),
        limit: query.limit,
        offset: query.offset,
        order: orderOf(query.order),
      });
    },
  );

  router.get('/v2/tasks/:taskId', { schema: { params: taskParams } }, async (request) => store.get(request.params.taskId));

  router.post('/v2/tasks/:taskId/cancel', { schema: { params: taskParams } }, async (request) => {
    const result = await store.cancel(request.params.taskId);
    return { status: result === 'cancelled' ? 'cancelled' : 'cancelling' };
  });

  router.post(
    '/v2/tasks/:taskId/retry',
    { schema: { params: taskParams, body: z.object({ secrets: secretsSchema.optional() }).nullish() } },
    async (request, reply) => {
      await store.retry(request.params.taskId, request.body?.secrets);
      return reply.status(201).send({ id: request.params.taskId });
    },
  );
}
