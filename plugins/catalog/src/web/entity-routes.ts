import type { CompoundEntityRef, Entity } from '@portico/model';

/** `/catalog/<namespace>/<kind>/<name>[/<tab>]`, the entity page; the kind lower-cased as Backstage does. */
export function entityPagePath(ref: CompoundEntityRef, tab?: string): string {
  const base = `/catalog/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(ref.kind.toLocaleLowerCase('en-US'))}/${encodeURIComponent(ref.name)}`;
  return tab === undefined ? base : `${base}/${encodeURIComponent(tab)}`;
}

/** The entity page of an entity. */
export function entityPath(entity: Pick<Entity, 'kind' | 'metadata'>): string {
  return entityPagePath({ kind: entity.kind, namespace: entity.metadata.namespace ?? 'default', name: entity.metadata.name });
}
