import { stringifyEntityRef, type Entity, type JsonObject, type TemplateEntity } from '@portico/model';
import type { TaskSpec } from '../../common/tasks.js';

/**
 * The snapshot a task runs from (Backstage's TaskSpec): the template's steps and output as they
 * are now, the form values, who asked, and where the template lives. Later edits to the
 * template do not change a task already created.
 */
export function buildTaskSpec(
  template: TemplateEntity,
  values: JsonObject,
  user: { ref: string; entity?: Entity | undefined },
  baseUrl: string | undefined,
): TaskSpec {
  const recovery = template.spec.EXPERIMENTAL_recovery;
  const strategy =
    recovery && typeof recovery === 'object' && !Array.isArray(recovery) && typeof recovery.EXPERIMENTAL_strategy === 'string'
      ? recovery.EXPERIMENTAL_strategy
      : undefined;
  return {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    steps: template.spec.steps.map((step, index) => ({
      ...step,
      id: typeof step.id === 'string' && step.id ? step.id : `step-${index + 1}`,
      name: typeof step.name === 'string' && step.name ? step.name : step.action,
    })),
    output: template.spec.output ?? {},
    parameters: values,
    user: { ref: user.ref, ...(user.entity ? { entity: user.entity } : {}) },
    templateInfo: {
      entityRef: stringifyEntityRef(template),
      ...(baseUrl ? { baseUrl } : {}),
      entity: { metadata: template.metadata },
    },
    ...(strategy ? { EXPERIMENTAL_recovery: { EXPERIMENTAL_strategy: strategy } } : {}),
  };
}
