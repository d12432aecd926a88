import { DEFAULT_NAMESPACE, stringifyEntityRef, tryParseEntityRef, type Entity } from '@portico/model';
import { SOFTWARE_CATALOG_TYPE, SOFTWARE_TEMPLATE_TYPE, type SearchFieldValue } from '../../../common/index.js';
import type { SearchDocumentInput } from '../../extension-points.js';

export interface EntityDocumentOptions {
  /** Where a catalog result opens; `:namespace`, `:kind` (lower-cased) and `:name` are filled in. */
  locationTemplate: string;
  /** Where a template result opens. */
  templateLocationTemplate: string;
}

export const DEFAULT_ENTITY_DOCUMENT_OPTIONS: EntityDocumentOptions = {
  locationTemplate: '/catalog/:namespace/:kind/:name',
  templateLocationTemplate: '/create/templates/:namespace/:name',
};

/**
 * The search documents of one entity: a `software-catalog` document for every entity, and a
 * `software-template` document as well for a Template; none for a Location. Fields follow Backstage's catalog
 * collator (`kind`, `type`, `componentType`, `lifecycle`, `owner`, `namespace`) plus `tags`,
 * `system` and `entityRef`.
 */
export function entityDocuments(entity: Entity, options: EntityDocumentOptions = DEFAULT_ENTITY_DOCUMENT_OPTIONS): SearchDocumentInput[] {
  // Locations are plumbing (where files are), not something people look for.
  if (entity.kind.toLocaleLowerCase('en-US') === 'location') return [];
  const entityRef = stringifyEntityRef(entity);
  const namespace = entity.metadata.namespace || DEFAULT_NAMESPACE;
  const name = entity.metadata.name;
  const spec = asRecord(entity.spec);
  const profile = asRecord(spec.profile);
  const type = text(spec.type);
  const owner = text(spec.owner);
  const tags = Array.isArray(entity.metadata.tags) ? entity.metadata.tags.filter((tag) => typeof tag === 'string') : [];
  const fields: Record<string, SearchFieldValue | undefined> = {
    kind: entity.kind,
    namespace,
    name,
    type,
    componentType: entity.kind.toLocaleLowerCase('en-US') === 'component' ? type : undefined,
    lifecycle: text(spec.lifecycle),
    owner,
    system: text(spec.system),
    tags: tags.length ? tags : undefined,
    entityRef,
  };
  const title = text(entity.metadata.title) ?? text(profile.displayName) ?? name;
  const description = text(entity.metadata.description) ?? '';
  const keywords = [entity.kind, type, owner, text(spec.system), text(spec.lifecycle), text(profile.email), ...tags].filter(
    (word): word is string => Boolean(word),
  );
  const ownerRef = ownerRefOf(entity, entityRef, namespace);
  const common = {
    key: entityRef,
    itemKey: entityRef,
    title,
    text: description,
    name,
    keywords,
    ...(ownerRef ? { ownerRef } : {}),
  };
  const fill = (template: string) =>
    template
      .replace(':namespace', encodeURIComponent(namespace))
      .replace(':kind', encodeURIComponent(entity.kind.toLocaleLowerCase('en-US')))
      .replace(':name', encodeURIComponent(name));

  const documents: SearchDocumentInput[] = [
    { ...common, type: SOFTWARE_CATALOG_TYPE, location: fill(options.locationTemplate), fields },
  ];
  if (entity.kind.toLocaleLowerCase('en-US') === 'template') {
    documents.push({
      ...common,
      type: SOFTWARE_TEMPLATE_TYPE,
      location: fill(options.templateLocationTemplate),
      fields: { kind: entity.kind, namespace, name, type, owner, tags: fields.tags, entityRef },
    });
  }
  return documents;
}

/**
 * Who owns the entity, as a full lower-cased ref: the stitched `ownedBy` relation, else
 * `spec.owner` read with Backstage's defaults. Users and groups count as their own, so a
 * searcher's team ranks high when they look for it.
 */
function ownerRefOf(entity: Entity, entityRef: string, namespace: string): string | undefined {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  if (kind === 'user' || kind === 'group') return entityRef;
  const relation = entity.relations?.find((item) => item.type === 'ownedBy');
  if (relation) return relation.targetRef.toLocaleLowerCase('en-US');
  const owner = text(asRecord(entity.spec).owner);
  const parsed = owner ? tryParseEntityRef(owner, { defaultKind: 'Group', defaultNamespace: namespace }) : undefined;
  return parsed ? stringifyEntityRef(parsed) : undefined;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}
