import type { Entity } from '../entity.js';
import { InputError } from '../errors.js';
import type { JsonObject } from '../json.js';
import { checkEnvelope, envelopeRef } from './envelope.js';
import { checkKind, type KindOptions } from './kind-check.js';
import { applyPolicies } from './policies.js';
import { formatProblems, type ValidationProblem } from './problem.js';

export type ValidateEntityOptions = KindOptions;

export type EntityValidationResult =
  | { ok: true; entity: Entity; problems: readonly [] }
  | { ok: false; problems: ValidationProblem[] };

/**
 * Validates one parsed document as a catalog entity, reaching the same verdict as Backstage's
 * catalog: the envelope (apiVersion, kind, metadata.name), then the default policies (namespace
 * default, no foreign root fields, field formats), then the kind's spec. Problems of the policy
 * and kind steps are reported together so a user can fix them in one go.
 *
 * The input is not modified; the returned entity has `metadata.namespace` filled in and shares
 * everything else with the input.
 */
export function validateEntity(value: unknown, options: ValidateEntityOptions = {}): EntityValidationResult {
  const envelope = checkEnvelope(value);
  if (!envelope.isEmpty) return { ok: false, problems: envelope.problems };
  const entityRef = envelopeRef(value);
  const { entity, problems: policy } = applyPolicies(value as JsonObject, entityRef);
  const kind = checkKind(entity, entityRef, options);
  const problems = [...policy.problems, ...kind.problems];
  return problems.length > 0 ? { ok: false, problems } : { ok: true, entity, problems: [] };
}

/** validateEntity for callers that want an exception: an InputError listing every problem. */
export function assertValidEntity(value: unknown, options: ValidateEntityOptions = {}): Entity {
  const result = validateEntity(value, options);
  if (result.ok) return result.entity;
  throw new InputError(`Invalid entity:\n${formatProblems(result.problems)}`, { details: result.problems });
}
