import { isJsonObject, type JsonObject, type JsonValue, type TemplateOutput } from '@portico/model';
import type { TaskOutput } from '../../common/types.js';
import type { SecureTemplater } from '../expressions/secure-templater.js';
import { isTruthy } from './plan-steps.js';

/**
 * Evaluates the template's `output` once every step has run. Links and text entries whose `if`
 * is false are dropped (and `if` itself is not part of the result).
 */
export function evaluateTemplateOutput(templater: SecureTemplater, output: TemplateOutput | undefined, context: JsonObject): TaskOutput {
  if (!output) return {};
  let evaluated: JsonValue | undefined;
  try {
    evaluated = templater.evaluate(output as JsonObject, context);
  } catch (error) {
    throw new Error(`The template's output could not be evaluated: ${(error as Error).message}`, { cause: error });
  }
  if (!isJsonObject(evaluated)) return {};
  const result: TaskOutput = { ...evaluated };
  for (const key of ['links', 'text'] as const) {
    const list = evaluated[key];
    if (!Array.isArray(list)) continue;
    result[key] = list
      .filter((item) => !isJsonObject(item) || !('if' in item) || isTruthy(item.if))
      .map((item) => {
        if (!isJsonObject(item)) return item;
        const { if: _condition, ...rest } = item;
        return rest;
      }) as TaskOutput['links'] & TaskOutput['text'];
  }
  return result;
}
