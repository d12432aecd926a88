import { stringList, type DemoEntity } from './catalog-files.js';

/**
 * The spec fields that point at other entities, with the kind Backstage assumes when a ref
 * leaves it out. The namespace defaults to the referring entity's, which is `default` here.
 */
export const refFieldDefaultKinds: Readonly<Record<string, string>> = {
  owner: 'group',
  system: 'system',
  domain: 'domain',
  subdomainOf: 'domain',
  parent: 'group',
  children: 'group',
  memberOf: 'group',
  members: 'user',
  providesApis: 'api',
  consumesApis: 'api',
  dependsOn: 'component',
  dependencyOf: 'component',
  subcomponentOf: 'component',
};

export interface EntityName {
  kind: string;
  namespace: string;
  name: string;
}

/** Parses `[kind:][namespace/]name`. A colon after the first slash belongs to the name. */
export function parseEntityRef(ref: string, defaults: { kind: string; namespace: string }): EntityName {
  const colon = ref.indexOf(':');
  const slash = ref.indexOf('/');
  const hasKind = colon !== -1 && (slash === -1 || colon < slash);
  const kind = hasKind ? ref.slice(0, colon) : defaults.kind;
  const rest = hasKind ? ref.slice(colon + 1) : ref;
  const restSlash = rest.indexOf('/');
  const namespace = restSlash === -1 ? defaults.namespace : rest.slice(0, restSlash);
  const name = restSlash === -1 ? rest : rest.slice(restSlash + 1);
  return { kind, namespace, name };
}

/** Backstage compares refs case-insensitively, so the key is lower-cased. */
export function refKey({ kind, namespace, name }: EntityName): string {
  return `${kind}:${namespace}/${name}`.toLowerCase();
}

export function entityName(entity: DemoEntity): EntityName {
  const namespace = typeof entity.metadata.namespace === 'string' ? entity.metadata.namespace : 'default';
  return { kind: entity.kind, namespace, name: entity.metadata.name };
}

export interface OutgoingRef {
  field: string;
  ref: string;
  target: EntityName;
}

export function outgoingRefs(entity: DemoEntity): OutgoingRef[] {
  const { namespace } = entityName(entity);
  return Object.entries(refFieldDefaultKinds).flatMap(([field, kind]) =>
    stringList(entity.spec[field]).map((ref) => ({ field, ref, target: parseEntityRef(ref, { kind, namespace }) })),
  );
}
