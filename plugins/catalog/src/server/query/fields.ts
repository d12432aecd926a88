import type { Entity } from '@portico/model';

/**
 * Backstage's `fields` parameter: keeps only the given dotted paths of each entity
 * (`metadata.name,spec.owner`). A path that names an object keeps the whole object.
 */
export function selectFields(fields: string[] | undefined): (entity: Entity) => Entity {
  if (!fields?.length) return (entity) => entity;
  const paths = fields.map((field) => field.split('.').filter(Boolean)).filter((path) => path.length > 0);
  return (entity) => {
    const result: Record<string, unknown> = {};
    for (const path of paths) copyPath(entity as unknown as Record<string, unknown>, result, path);
    return result as unknown as Entity;
  };
}

function copyPath(source: Record<string, unknown>, target: Record<string, unknown>, path: string[]): void {
  const [head, ...rest] = path;
  if (head === undefined || !Object.hasOwn(source, head)) return;
  const value = source[head];
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
  const existing = target[head];
  const child = typeof existing === 'object' && existing !== null ? (existing as Record<string, unknown>) : {};
  target[head] = child;
  copyPath(value as Record<string, unknown>, child, rest);
}

/** Parses `fields=a.b,c` (repeatable) into a list. */
export function parseFieldsParam(param: string | string[] | undefined): string[] | undefined {
  if (param === undefined) return undefined;
  const list = (Array.isArray(param) ? param : [param]).flatMap((item) => item.split(','));
  const fields = list.map((field) => field.trim()).filter(Boolean);
  return fields.length ? fields : undefined;
}
