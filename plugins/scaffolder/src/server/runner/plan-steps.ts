import { InputError, type JsonValue, type TemplateSpec, type TemplateStep } from '@portico/model';
import type { ActionRegistry } from '../actions/registry.js';

export interface PlannedStep {
  id: string;
  name: string;
  action: string;
  raw: TemplateStep;
}

/**
 * Checks a template's steps before anything runs: every step names an installed action and has
 * a unique id (steps without one get `step-<n>`). A template that fails here runs no step.
 */
export function planSteps(template: TemplateSpec, actions: ActionRegistry): PlannedStep[] {
  if (!Array.isArray(template.steps)) throw new InputError('The template has no "steps" list');
  const seen = new Set<string>();
  const problems: string[] = [];
  const plan = template.steps.map((step, index) => {
    const id = typeof step.id === 'string' && step.id !== '' ? step.id : `step-${index + 1}`;
    if (seen.has(id)) problems.push(`step id "${id}" is used more than once`);
    seen.add(id);
    if (typeof step.action !== 'string' || step.action === '') problems.push(`step "${id}" has no action`);
    else if (!actions.has(step.action)) problems.push(`step "${id}" uses the action "${step.action}", which is not installed`);
    return { id, name: typeof step.name === 'string' && step.name ? step.name : id, action: step.action, raw: step };
  });
  if (problems.length) throw new InputError(`The template cannot run: ${problems.join('; ')}`);
  return plan;
}

/** Backstage's truthiness for `if`: an empty list is false, anything else by JavaScript rules. */
export function isTruthy(value: JsonValue | undefined): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}
