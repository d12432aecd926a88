import { parseEntityRef, tryParseEntityRef, type CompoundEntityRef, type Entity } from '@portico/model';

/** `/catalog/<namespace>/<kind>/<name>`, the entity page; kind lower-cased as Backstage does. */
export function entityPagePath(ref: CompoundEntityRef, tab?: string): string {
  const base = `/catalog/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(ref.kind.toLocaleLowerCase('en-US'))}/${encodeURIComponent(ref.name)}`;
  return tab === undefined ? base : `${base}/${encodeURIComponent(tab)}`;
}

/** The entity page of a ref string such as `component:default/booking`; undefined for a malformed ref. */
export function entityRefPath(ref: string, context: { defaultKind?: string; defaultNamespace?: string } = {}): string | undefined {
  const parsed = tryParseEntityRef(ref, context);
  return parsed === undefined ? undefined : entityPagePath(parsed);
}

export function entityPath(entity: Pick<Entity, 'kind' | 'metadata'>): string {
  return entityPagePath({ kind: entity.kind, namespace: entity.metadata.namespace ?? 'default', name: entity.metadata.name });
}

/** The full graph page around an entity. */
export function graphPagePath(rootRef: string): string {
  return `/catalog-graph?root=${encodeURIComponent(rootRef)}`;
}

export { parseEntityRef };
