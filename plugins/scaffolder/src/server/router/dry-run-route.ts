import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { InputError, isTemplateEntity, stringifyEntityRef, validateEntity, type Entity, type JsonObject } from '@portico/model';
import { z } from 'zod';
import type { DryRunResponse, TaskEventBody } from '../../common/tasks.js';
import { directoryToBaseUrl } from '../actions/template-source.js';
import { readDirectoryContents, writeDirectoryContents } from '../paths/directory-contents.js';
import { TaskCancelledError, TemplateStepError } from '../runner/errors.js';
import { runTemplateSteps } from '../runner/run-template-steps.js';
import { validateTemplateParameters } from '../runner/validate-parameters.js';
import { buildTaskSpec } from '../tasks/task-spec.js';
import { SecretRedactor } from '../logging/redactor.js';
import type { RouterContext } from './context.js';
import { sendValidationErrors } from './validation-errors.js';

const DRY_RUN_BODY_LIMIT = 10 * 1024 * 1024;
const DRY_RUN_TIMEOUT_MS = 5 * 60 * 1000;

const bodySchema = z.object({
  template: z.unknown(),
  values: z.record(z.string(), z.unknown()).default({}),
  secrets: z.record(z.string(), z.string()).optional(),
  directoryContents: z
    .array(z.object({ path: z.string().min(1), base64Content: z.string(), executable: z.boolean().optional() }))
    .default([]),
});

/**
 * `POST /v2/dry-run`: runs a template (sent in the request, with its files) in a throwaway
 * workspace with dry-run semantics (actions that would change the world are skipped), and
 * returns the log, the files produced and the output. Nothing is stored.
 */
export function registerDryRunRoute(context: RouterContext): void {
  context.router.post('/v2/dry-run', { bodyLimit: DRY_RUN_BODY_LIMIT, schema: { body: bodySchema } }, async (request, reply) => {
    const body = request.body;
    const checked = validateEntity(body.template);
    if (!checked.ok) {
      const detail = checked.problems.map((problem) => problem.message).join('; ');
      throw new InputError(`The template to dry-run is not a valid entity: ${detail}`, { details: checked.problems });
    }
    const template: Entity = checked.entity;
    if (!isTemplateEntity(template)) {
      throw new InputError(`The template to dry-run is a ${template.kind} of ${template.apiVersion}, not a scaffolder.backstage.io/v1beta3 Template`);
    }
    const values = body.values as JsonObject;
    const secrets = body.secrets ?? {};
    const check = validateTemplateParameters(template.spec, values, { secrets });
    if (!check.valid) return sendValidationErrors(request, reply, check.errors);

    const root = await mkdtemp(path.join(context.workingDirectory, 'dry-run-'));
    const templateDir = path.join(root, 'template');
    const workspacePath = path.join(root, 'workspace');
    const log: { body: TaskEventBody }[] = [];
    const redactor = new SecretRedactor([...Object.values(secrets), ...context.redact]);
    const spec = buildTaskSpec(template, values, { ref: context.userRef }, undefined);
    try {
      await Promise.all([mkdir(templateDir), mkdir(workspacePath)]);
      await writeDirectoryContents(templateDir, body.directoryContents);
      const response: DryRunResponse = { log, directoryContents: [], output: {}, steps: spec.steps };
      try {
        const result = await runTemplateSteps({
          template: template.spec,
          values,
          secrets,
          user: { ref: context.userRef },
          workspacePath,
          actions: context.actions,
          logger: {
            log: (entry) =>
              log.push({ body: { message: entry.message, ...(entry.stepId ? { stepId: entry.stepId } : {}), ...(entry.level !== 'info' ? { level: entry.level } : {}) } }),
          },
          signal: AbortSignal.timeout(DRY_RUN_TIMEOUT_MS),
          dryRun: true,
          templateInfo: { entityRef: stringifyEntityRef(template), baseUrl: directoryToBaseUrl(templateDir) },
          taskId: 'dry-run',
          redact: [...context.redact],
          ...(context.templater ? { templater: context.templater } : {}),
          onStepStatus: (event) =>
            log.push({ body: { message: `Step "${event.name}" ${event.status}`, stepId: event.stepId, status: event.status } }),
        });
        response.output = result.output;
      } catch (error) {
        const stepId = error instanceof TemplateStepError || error instanceof TaskCancelledError ? error.stepId : undefined;
        response.error = {
          name: error instanceof Error ? error.name : 'Error',
          message: redactor.redact(error instanceof Error ? error.message : String(error)),
          ...(stepId ? { stepId } : {}),
        };
      }
      response.directoryContents = await readDirectoryContents(workspacePath);
      return response;
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
}
