import { isJsonObject } from '../json.js';
import { describeValue } from './describe.js';
import { ProblemList } from './problem-list.js';
import { checkShape, object, required, text, type Shape } from './shape.js';

/**
 * The minimum needed to give a document a ref: apiVersion, kind and metadata.name as non-empty
 * strings (Backstage's entity envelope). Nothing else is looked at until this passes.
 */
const envelopeShape: Shape = object({
  apiVersion: required(text('the format version, e.g. "backstage.io/v1alpha1"')),
  kind: required(text('the entity kind, e.g. "Component"')),
  metadata: required({
    shape: object({
      name: required(text('the entity name, unique for its kind and namespace')),
      namespace: text('defaults to "default"'),
    }),
  }),
});

/** The ref of a document whose envelope is good enough to name it. */
export function envelopeRef(value: unknown): string | undefined {
  if (!isJsonObject(value) || typeof value.kind !== 'string' || !isJsonObject(value.metadata)) return undefined;
  const { name, namespace } = value.metadata;
  if (typeof name !== 'string' || !name) return undefined;
  const ns = typeof namespace === 'string' && namespace ? namespace : 'default';
  return `${value.kind}:${ns}/${name}`.toLocaleLowerCase('en-US');
}

export function checkEnvelope(value: unknown): ProblemList {
  const problems = new ProblemList('envelope', envelopeRef(value));
  if (!isJsonObject(value)) {
    problems.add([], 'notAnObject', `must be a mapping with apiVersion, kind, metadata and spec; found ${describeValue(value)}`);
    return problems;
  }
  checkShape(envelopeShape, value, [], problems);
  return problems;
}
