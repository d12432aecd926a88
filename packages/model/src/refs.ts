import { DEFAULT_NAMESPACE, type Entity } from './entity.js';
import { InputError } from './errors.js';

/** An entity ref split into its parts, as written (not lower-cased). */
export interface CompoundEntityRef {
  kind: string;
  namespace: string;
  name: string;
}

/** What a field fills in when a ref leaves out its kind or namespace. */
export interface EntityRefContext {
  defaultKind?: string;
  defaultNamespace?: string;
}

const REF_FORM = '[kind:][namespace/]name, e.g. "component:default/my-service"';

/**
 * The kind a reference field implies when its refs leave the kind out. `dependsOn` and
 * `dependencyOf` have no default in Backstage (a kind-less ref there fails processing); Portico
 * reads them as Components, the common case.
 */
export const DEFAULT_KIND_BY_FIELD: Readonly<Record<string, string>> = {
  owner: 'Group',
  system: 'System',
  domain: 'Domain',
  subdomainOf: 'Domain',
  subcomponentOf: 'Component',
  providesApis: 'API',
  consumesApis: 'API',
  dependsOn: 'Component',
  dependencyOf: 'Component',
  memberOf: 'Group',
  parent: 'Group',
  children: 'Group',
  members: 'User',
};

/** The default kind for refs in a spec field (`owner` → `Group`), if the field has one. */
export function defaultKindForField(field: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(DEFAULT_KIND_BY_FIELD, field)
    ? DEFAULT_KIND_BY_FIELD[field]
    : undefined;
}

function splitRef(ref: string): { kind?: string; namespace?: string; name: string } {
  let colon = ref.indexOf(':');
  const slash = ref.indexOf('/');
  // A colon after the first slash belongs to the name ("ns/a:b"), not to a kind.
  if (slash !== -1 && slash < colon) colon = -1;
  const kind = colon === -1 ? undefined : ref.slice(0, colon);
  const namespace = slash === -1 ? undefined : ref.slice(colon + 1, slash);
  const name = ref.slice(Math.max(colon + 1, slash + 1));
  if (kind === '') {
    throw new InputError(`Entity ref "${ref}" has an empty kind before ":"; write it as ${REF_FORM}`);
  }
  if (namespace === '') {
    throw new InputError(`Entity ref "${ref}" has an empty namespace before "/"; write it as ${REF_FORM}`);
  }
  if (name === '') {
    throw new InputError(`Entity ref "${ref}" has no name; write it as ${REF_FORM}`);
  }
  return { name, ...(kind === undefined ? {} : { kind }), ...(namespace === undefined ? {} : { namespace }) };
}

/**
 * Parses `[kind:][namespace/]name` (or a partial object) into its parts, filling in the
 * context's defaults. Throws an InputError that says what is wrong with a malformed ref.
 */
export function parseEntityRef(
  ref: string | { kind?: string; namespace?: string; name: string },
  context: EntityRefContext = {},
): CompoundEntityRef {
  if (typeof ref === 'string' ? ref.length === 0 : !ref) {
    throw new InputError('Entity ref must not be empty');
  }
  const parts = typeof ref === 'string' ? splitRef(ref) : ref;
  const kind = parts.kind ?? context.defaultKind;
  const namespace = parts.namespace ?? (context.defaultNamespace || DEFAULT_NAMESPACE);
  const shown = typeof ref === 'string' ? `"${ref}"` : JSON.stringify(ref);
  if (!kind) {
    throw new InputError(
      `Entity ref ${shown} has no kind and this field has no default kind; write it as "<kind>:${parts.name}", e.g. "component:${parts.name}"`,
    );
  }
  if (!namespace) throw new InputError(`Entity ref ${shown} has an empty namespace; write it as ${REF_FORM}`);
  if (!parts.name) throw new InputError(`Entity ref ${shown} has no name; write it as ${REF_FORM}`);
  return { kind, namespace, name: parts.name };
}

/** Like parseEntityRef, but returns undefined instead of throwing. */
export function tryParseEntityRef(
  ref: string,
  context: EntityRefContext = {},
): CompoundEntityRef | undefined {
  try {
    return parseEntityRef(ref, context);
  } catch {
    return undefined;
  }
}

/** The kind, namespace (defaulted) and name of an entity. */
export function getCompoundEntityRef(entity: Pick<Entity, 'kind' | 'metadata'>): CompoundEntityRef {
  return {
    kind: entity.kind,
    namespace: entity.metadata.namespace || DEFAULT_NAMESPACE,
    name: entity.metadata.name,
  };
}

/**
 * The canonical string form `kind:namespace/name`, lower-cased: the form relations, the
 * database and the REST API use. Refs compare case-insensitively through this form.
 */
export function stringifyEntityRef(
  ref: Pick<Entity, 'kind' | 'metadata'> | { kind: string; namespace?: string; name: string },
): string {
  const parts = 'metadata' in ref ? getCompoundEntityRef(ref) : ref;
  const namespace = parts.namespace || DEFAULT_NAMESPACE;
  return `${parts.kind}:${namespace}/${parts.name}`.toLocaleLowerCase('en-US');
}

/**
 * A short form for people: drops the default namespace, and the kind when it is the one the
 * context implies. Keeps the case as written.
 */
export function humanizeEntityRef(ref: CompoundEntityRef, context: { defaultKind?: string } = {}): string {
  const kindPart =
    context.defaultKind && context.defaultKind.toLocaleLowerCase('en-US') === ref.kind.toLocaleLowerCase('en-US')
      ? ''
      : `${ref.kind}:`;
  const namespacePart = ref.namespace === DEFAULT_NAMESPACE ? '' : `${ref.namespace}/`;
  return `${kindPart}${namespacePart}${ref.name}`;
}
