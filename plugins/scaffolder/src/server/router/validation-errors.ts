import type { TemplateValidationError } from '../../common/tasks.js';
import type { ParameterFieldError } from '../../common/types.js';

/** `repo.owner` / `tags.0` → `['repo', 'owner']` / `['tags', 0]`. */
function pathOf(dotted: string): (string | number)[] {
  if (!dotted) return [];
  return dotted.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function ruleOf(message: string): string {
  if (message.startsWith('is required')) return 'required';
  if (message.startsWith('must match pattern')) return 'pattern';
  if (message.startsWith('must match format')) return 'format';
  if (message.startsWith('must be equal to one of')) return 'enum';
  if (message.startsWith('must be ')) return 'type';
  if (message.startsWith('must NOT have more')) return 'maxLength';
  if (message.startsWith('must NOT have fewer')) return 'minLength';
  if (message === 'is not a field of this form') return 'additionalProperties';
  return 'schema';
}

/** Field errors in the shape of Backstage's `400 { errors }` (jsonschema's ValidationError). */
export function toTemplateValidationErrors(errors: readonly ParameterFieldError[]): TemplateValidationError[] {
  return errors.map((error) => {
    const path = pathOf(error.path);
    const property = ['instance', ...path.map(String)].join('.');
    return { path, property, message: error.message, name: ruleOf(error.message), stack: `${property} ${error.message}` };
  });
}

/**
 * Answers 400 with Backstage's `{ errors }` (what its clients read) inside Portico's error body
 * (what Portico's clients read): both name every field and what is wrong with it.
 */
export function sendValidationErrors<TReply>(
  request: { method: string; url: string },
  reply: { status(code: number): { send(body: unknown): TReply } },
  errors: readonly ParameterFieldError[],
): TReply {
  const message = `The values do not match the template: ${errors.map((error) => `${error.path || '(form)'} ${error.message}`).join('; ')}`;
  return reply.status(400).send({
    errors: toTemplateValidationErrors(errors),
    error: { name: 'InputError', message, details: errors },
    request: { method: request.method, url: request.url },
    response: { statusCode: 400 },
  });
}
