import { isJsonObject, type JsonObject, type TemplateSpec } from '@portico/model';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { ParameterFieldError } from '../../common/types.js';
import { checkRepoUrlFields } from './repo-url-fields.js';
import { valuesWithSecretFields } from './secret-fields.js';

// ajv-formats ships CommonJS with `exports.default`; under NodeNext the default import is the module.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

export interface ParameterValidationResult {
  valid: boolean;
  errors: ParameterFieldError[];
}

function createAjv(): Ajv {
  // Templates carry rjsf keys (ui:*, backstage:*) that are not JSON Schema: not strict.
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  return ajv;
}

// Compiled form steps by their JSON text. Bounded: past the limit the cache and the Ajv instance
// (which keeps every schema it compiled) start over.
const MAX_COMPILED = 200;
let sharedAjv: Ajv | undefined;
let compiled = new Map<string, ValidateFunction>();

function compileStep(step: JsonObject): ValidateFunction {
  const schema = { type: 'object', ...step };
  const key = JSON.stringify(schema);
  const cached = compiled.get(key);
  if (cached) return cached;
  if (!sharedAjv || compiled.size >= MAX_COMPILED) {
    sharedAjv = createAjv();
    compiled = new Map();
  }
  const validate = sharedAjv.compile(schema);
  compiled.set(key, validate);
  return validate;
}

function dotted(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function toFieldError(error: ErrorObject): ParameterFieldError | undefined {
  const base = dotted(error.instancePath);
  const join = (child: string) => (base ? `${base}.${child}` : child);
  switch (error.keyword) {
    case 'if':
      // The failing "then"/"else" branch reports the real problem.
      return undefined;
    case 'required':
    case 'dependencies':
    case 'dependentRequired': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      const because = error.keyword === 'required' ? '' : ` when ${(error.params as { property?: string }).property ?? 'another field'} is set`;
      return { path: join(missing), message: `is required${because}` };
    }
    case 'additionalProperties':
      return { path: join((error.params as { additionalProperty: string }).additionalProperty), message: 'is not a field of this form' };
    default:
      return { path: base, message: error.message ?? `fails ${error.keyword}` };
  }
}

/** The template's form steps as a list (`parameters` may be one object or a list). */
export function parameterSteps(template: Pick<TemplateSpec, 'parameters'>): JsonObject[] {
  const parameters = template.parameters;
  if (!parameters) return [];
  return (Array.isArray(parameters) ? parameters : [parameters]).filter(isJsonObject);
}

/**
 * Checks form values against every form step of the template (JSON Schema with `required`,
 * `dependencies`, `if/then/else`, formats, and `RepoUrlPicker`'s allowed hosts, owners and repos),
 * on the server, whatever the browser did. `Secret` fields are checked with their value from
 * `options.secrets`. Errors name the field by a dotted path and say what is wrong (never the
 * value); duplicates are reported once.
 */
export function validateTemplateParameters(
  template: Pick<TemplateSpec, 'parameters'>,
  values: JsonObject,
  options: { secrets?: Readonly<Record<string, string>> } = {},
): ParameterValidationResult {
  const errors: ParameterFieldError[] = [];
  const seen = new Set<string>();
  for (const [index, step] of parameterSteps(template).entries()) {
    let validate;
    try {
      validate = compileStep(step);
    } catch (error) {
      errors.push({ path: '', message: `form step ${index + 1} has an invalid schema: ${(error as Error).message}` });
      continue;
    }
    const checked = options.secrets ? valuesWithSecretFields(step, values, options.secrets) : values;
    const schemaErrors = validate(checked) ? [] : (validate.errors ?? []).map(toFieldError);
    for (const fieldError of [...schemaErrors, ...checkRepoUrlFields(step, values)]) {
      if (!fieldError) continue;
      const key = `${fieldError.path}\u0000${fieldError.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      errors.push(fieldError);
    }
  }
  return { valid: errors.length === 0, errors };
}
