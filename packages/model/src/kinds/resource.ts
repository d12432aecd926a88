import type { BackstageApiVersion, Entity } from '../entity.js';
import type { JsonValue } from '../json.js';
import { RELATION_DEPENDENCY_OF, RELATION_DEPENDS_ON, RELATION_OWNED_BY, RELATION_PART_OF } from '../relation-types.js';
import { object, required, text, textList } from '../validation/shape.js';
import { relationField, type KindDefinition } from './definition.js';
import { DEPENDS_ON_HINT, OWNER_HINT, SYSTEM_HINT } from './hints.js';

export type ResourceSpec = {
  type: string;
  owner: string;
  system?: string;
  dependsOn?: string[];
  dependencyOf?: string[];
  [key: string]: JsonValue | undefined;
};

export interface ResourceEntity extends Entity<ResourceSpec> {
  apiVersion: BackstageApiVersion;
  kind: 'Resource';
  spec: ResourceSpec;
}

export const resourceKind: KindDefinition = {
  kind: 'Resource',
  apiVersions: ['backstage.io/v1alpha1', 'backstage.io/v1beta1'],
  description: 'infrastructure a component needs at run time: a database, a bucket, a queue, …',
  spec: object({
    type: required(text('the resource type, e.g. database or s3-bucket')),
    owner: required(text(OWNER_HINT)),
    dependsOn: textList(DEPENDS_ON_HINT),
    system: text(SYSTEM_HINT),
  }),
  relations: [
    relationField('owner', RELATION_OWNED_BY),
    relationField('dependsOn', RELATION_DEPENDS_ON),
    relationField('dependencyOf', RELATION_DEPENDENCY_OF),
    relationField('system', RELATION_PART_OF),
  ],
};

export function isResourceEntity(entity: Entity): entity is ResourceEntity {
  return entity.kind === 'Resource';
}
