import { InputError, type Entity } from '@portico/model';

export type EntityProjection = (entity: Entity) => Entity;

const MAX_FIELDS = 100;

/**
 * Backstage's `fields` parameter: `fields=metadata.name,spec.owner` keeps only those paths of
 * each entity; a path naming an object keeps the whole object. Object keys that contain dots
 * are matched too (`metadata.annotations.backstage.io/orphan`). Returns undefined when nothing
 * is to be pruned.
 */
export function parseFields(params: string | readonly string[] | undefined): string[] | undefined {
  if (params === undefined) return undefined;
  const list = (typeof params === 'string' ? [params] : params).flatMap((item) => item.split(','));
  const fields = list.map((field) => field.trim()).filter(Boolean);
  if (fields.length === 0) return undefined;
  if (fields.length > MAX_FIELDS) throw new InputError(`Invalid fields: at most ${MAX_FIELDS} fields are allowed`);
  const bad = fields.find((field) => field.includes('[') || field.startsWith('.') || field.endsWith('.') || field.includes('..'));
  if (bad) throw new InputError(`Invalid fields: '${bad}' is not a dotted path such as metadata.name (array indexes are not supported)`);
  return fields;
}

/** The pruning function for a field list; the identity when there is none. */
export function projectFields(fields: readonly string[] | undefined): EntityProjection {
  if (!fields?.length) return (entity) => entity;
  const paths = fields.map((field) => field.split('.'));
  return (entity) => {
    const output: Record<string, unknown> = {};
    for (const path of paths) copyPath(entity as unknown as Record<string, unknown>, output, path);
    return output as unknown as Entity;
  };
}

function copyPath(source: Record<string, unknown>, target: Record<string, unknown>, segments: string[]): void {
  // The shortest run of segments that names a key wins, so `a.b` prefers `{a: {b}}` over `{'a.b'}`.
  for (let length = 1; length <= segments.length; length++) {
    const key = segments.slice(0, length).join('.');
    if (!Object.hasOwn(source, key)) continue;
    const value = source[key];
    const rest = segments.slice(length);
    if (rest.length === 0) {
      target[key] = value;
      return;
    }
    if (!isRecord(value)) continue;
    const existing = target[key];
    const child = isRecord(existing) ? existing : {};
    copyPath(value, child, rest);
    if (Object.keys(child).length > 0) target[key] = child;
    return;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The same pruning on entity JSON text: without fields the stored text goes out untouched
 * (no parse, no re-serialisation), which is most of the cost of a large list.
 */
export function projectJson(fields: readonly string[] | undefined): (body: string) => string {
  if (!fields?.length) return (body) => body;
  const project = projectFields(fields);
  return (body) => JSON.stringify(project(JSON.parse(body) as Entity));
}
