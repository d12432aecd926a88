import { isObject } from './json.js';

/**
 * The relations the sample entity must carry once processed: one per reference in its spec
 * (owner, system, dependsOn, providesApis, consumesApis), as `type:kind:namespace/name` with the
 * kind lower-cased and the default namespace filled in, exactly as the peer harness writes them.
 */
export function expectedSpecRelations(spec: unknown): string[] {
  if (!isObject(spec)) return [];
  const wanted: string[] = [];
  const add = (type: string, defaultKind: string, value: unknown): void => {
    if (typeof value === 'string') wanted.push(`${type}:${normalizeRef(defaultKind, value)}`);
  };
  const each = (type: string, defaultKind: string, value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) add(type, defaultKind, item);
  };
  add('ownedBy', 'group', spec.owner);
  add('partOf', 'system', spec.system);
  each('dependsOn', 'component', spec.dependsOn);
  each('providesApi', 'api', spec.providesApis);
  each('consumesApi', 'api', spec.consumesApis);
  return wanted;
}

function normalizeRef(defaultKind: string, ref: string): string {
  const withKind = ref.includes(':') ? ref : `${defaultKind}:${ref}`;
  const colon = withKind.indexOf(':');
  const kind = withKind.slice(0, colon).toLowerCase();
  const rest = withKind.slice(colon + 1);
  return rest.includes('/') ? `${kind}:${rest}` : `${kind}:default/${rest}`;
}

/** The wanted relations the entity does not carry. */
export function missingSpecRelations(entity: unknown): { expected: number; missing: string[] } {
  const wanted = expectedSpecRelations(isObject(entity) ? entity.spec : undefined);
  const relations = isObject(entity) && Array.isArray(entity.relations) ? entity.relations : [];
  const present = new Set(
    relations.filter(isObject).map((relation) => `${String(relation.type)}:${String(relation.targetRef)}`),
  );
  return { expected: wanted.length, missing: wanted.filter((relation) => !present.has(relation)) };
}
