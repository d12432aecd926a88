import type { Entity } from '../entity.js';
import { hasOwn, isJsonObject, type JsonObject } from '../json.js';
import {
  API_VERSION_RULE,
  ENTITY_NAME_RULE,
  KIND_RULE,
  LABEL_KEY_RULE,
  LABEL_VALUE_RULE,
  NAMESPACE_RULE,
  TAG_RULE,
  URL_RULE,
  isNonBlankString,
  isValidAnnotationKey,
  isValidApiVersion,
  isValidEntityName,
  isValidKind,
  isValidLabelKey,
  isValidLabelValue,
  isValidNamespace,
  isValidTag,
  isValidUrl,
} from '../names.js';
import { quoteValue } from './describe.js';
import { ProblemList } from './problem-list.js';
import { checkShape, field, object, required, text, anyText, type Shape } from './shape.js';

const WRITABLE_ROOT_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec'];
const READ_ONLY_ROOT_FIELDS = ['relations', 'status'];
const METADATA_FIELDS = ['name', 'namespace', 'title', 'description', 'labels', 'annotations', 'tags', 'links'];

const stringMap: Shape = { type: 'object', otherFields: { type: 'string' } };

/** The types of metadata's well-known members (Backstage's EntityMeta schema). */
const metadataShape: Shape = object({
  uid: text('set by the catalog'),
  etag: text('set by the catalog'),
  title: text('a display name'),
  description: anyText(),
  labels: field(stringMap, 'string values'),
  annotations: field(stringMap, 'string values'),
  tags: field({ type: 'array', items: { type: 'string', nonEmpty: true } }),
  links: field({
    type: 'array',
    items: object({
      url: required(text('the address the link points to')),
      title: text(),
      icon: text(),
      type: text(),
    }),
  }),
});

/** Fields outside apiVersion/kind/metadata/spec, and the types of metadata and spec. */
function checkStructure(entity: JsonObject, problems: ProblemList): void {
  for (const name of Object.keys(entity)) {
    if (WRITABLE_ROOT_FIELDS.includes(name)) continue;
    if (READ_ONLY_ROOT_FIELDS.includes(name)) {
      problems.add([name], 'readOnlyField', 'is filled in by the catalog and must not be written in an entity file');
    } else {
      const hint = METADATA_FIELDS.includes(name) ? `; did you mean metadata.${name}?` : '';
      problems.add(
        [name],
        'foreignRootField',
        `is not allowed at the top level of an entity, where only apiVersion, kind, metadata and spec may appear${hint}`,
      );
    }
  }
  checkShape(metadataShape, entity.metadata, ['metadata'], problems);
  if (hasOwn(entity, 'spec')) checkShape({ type: 'object' }, entity.spec, ['spec'], problems);
}

function nameAdvice(name: string): string {
  if (/\$\{|\{\{/.test(name)) return '; it looks like a template placeholder that was never filled in';
  if (name.includes('@')) return '; an e-mail address is not a name (put it in spec.profile.email)';
  if (/\s/.test(name)) return '; spaces are not allowed (use "-" and put the display name in metadata.title)';
  return '';
}

function tagAdvice(tag: string): string {
  const lower = tag.toLowerCase();
  return lower !== tag && isValidTag(lower) ? `; "${lower}" would be valid` : '';
}

/** The formats of names, labels, annotations, tags and links (Backstage's FieldFormatEntityPolicy). */
function checkFormats(entity: JsonObject, problems: ProblemList): void {
  const { apiVersion, kind } = entity;
  const metadata = entity.metadata as JsonObject;
  if (typeof apiVersion === 'string' && !isValidApiVersion(apiVersion)) {
    problems.add(['apiVersion'], 'apiVersionFormat', `${quoteValue(apiVersion)} is not a valid apiVersion: use ${API_VERSION_RULE}`);
  }
  if (typeof kind === 'string' && !isValidKind(kind)) {
    problems.add(['kind'], 'kindFormat', `${quoteValue(kind)} is not a valid kind: use ${KIND_RULE}`);
  }
  const { name, namespace, labels, annotations, tags, links } = metadata;
  if (typeof name === 'string' && !isValidEntityName(name)) {
    problems.add(['metadata', 'name'], 'entityName', `${quoteValue(name)} is not a valid entity name: use ${ENTITY_NAME_RULE}${nameAdvice(name)}`);
  }
  if (typeof namespace === 'string' && namespace && !isValidNamespace(namespace)) {
    problems.add(['metadata', 'namespace'], 'namespace', `${quoteValue(namespace)} is not a valid namespace: use ${NAMESPACE_RULE}`);
  }
  if (isJsonObject(labels)) {
    for (const [key, value] of Object.entries(labels)) {
      const path = ['metadata', 'labels', key];
      if (!isValidLabelKey(key)) problems.add(path, 'labelKey', `has an invalid label key ${quoteValue(key)}: use ${LABEL_KEY_RULE}`);
      if (typeof value === 'string' && !isValidLabelValue(value)) {
        problems.add(path, 'labelValue', `has an invalid label value ${quoteValue(value)}: use ${LABEL_VALUE_RULE}`);
      }
    }
  }
  if (isJsonObject(annotations)) {
    for (const key of Object.keys(annotations)) {
      if (!isValidAnnotationKey(key)) {
        problems.add(['metadata', 'annotations', key], 'annotationKey', `has an invalid annotation key ${quoteValue(key)}: use ${LABEL_KEY_RULE}`);
      }
    }
  }
  if (Array.isArray(tags)) {
    tags.forEach((tag, index) => {
      if (typeof tag === 'string' && tag && !isValidTag(tag)) {
        problems.add(['metadata', 'tags', index], 'tag', `${quoteValue(tag)} is not a valid tag: use ${TAG_RULE}${tagAdvice(tag)}`);
      }
    });
  }
  if (Array.isArray(links)) {
    links.forEach((link, index) => {
      if (!isJsonObject(link)) return;
      if (typeof link.url === 'string' && link.url && !isValidUrl(link.url)) {
        problems.add(['metadata', 'links', index, 'url'], 'url', `${quoteValue(link.url)} is not a valid URL: use ${URL_RULE}`);
      }
      for (const member of ['title', 'icon'] as const) {
        const value = link[member];
        if (typeof value === 'string' && value && !isNonBlankString(value)) {
          problems.add(['metadata', 'links', index, member], 'blank', 'must not be blank');
        }
      }
    });
  }
}

/**
 * The default entity policies of Backstage's catalog, in order: schema-valid envelope, default
 * namespace, no foreign root fields, field formats. Returns the entity with its namespace set.
 */
export function applyPolicies(entity: JsonObject, entityRef: string | undefined): { entity: Entity; problems: ProblemList } {
  const problems = new ProblemList('policy', entityRef);
  checkStructure(entity, problems);
  const metadata = entity.metadata as JsonObject;
  const withNamespace = (metadata.namespace ? entity : { ...entity, metadata: { ...metadata, namespace: 'default' } }) as unknown as Entity;
  if (isJsonObject(entity.metadata)) checkFormats(entity, problems);
  return { entity: withNamespace, problems };
}
