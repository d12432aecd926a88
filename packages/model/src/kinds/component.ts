import type { BackstageApiVersion, Entity } from '../entity.js';
import type { JsonValue } from '../json.js';
import {
  RELATION_CONSUMES_API,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  RELATION_PROVIDES_API,
} from '../relation-types.js';
import { object, required, text, textList } from '../validation/shape.js';
import { relationField, type KindDefinition } from './definition.js';
import { DEPENDS_ON_HINT, LIFECYCLE_HINT, OWNER_HINT, SYSTEM_HINT } from './hints.js';

export type ComponentSpec = {
  type: string;
  lifecycle: string;
  owner: string;
  system?: string;
  subcomponentOf?: string;
  providesApis?: string[];
  consumesApis?: string[];
  dependsOn?: string[];
  dependencyOf?: string[];
  [key: string]: JsonValue | undefined;
};

export interface ComponentEntity extends Entity<ComponentSpec> {
  apiVersion: BackstageApiVersion;
  kind: 'Component';
  spec: ComponentSpec;
}

export const componentKind: KindDefinition = {
  kind: 'Component',
  apiVersions: ['backstage.io/v1alpha1', 'backstage.io/v1beta1'],
  description: 'a piece of software: a service, website, library, …',
  // dependencyOf is read for relations but, as in Backstage, its type is not checked.
  spec: object({
    type: required(text('the component type, e.g. service, website or library')),
    lifecycle: required(text(LIFECYCLE_HINT)),
    owner: required(text(OWNER_HINT)),
    system: text(SYSTEM_HINT),
    subcomponentOf: text('a ref to the Component it is part of'),
    providesApis: textList('refs to the APIs it provides'),
    consumesApis: textList('refs to the APIs it consumes'),
    dependsOn: textList(DEPENDS_ON_HINT),
  }),
  relations: [
    relationField('owner', RELATION_OWNED_BY),
    relationField('subcomponentOf', RELATION_PART_OF),
    relationField('providesApis', RELATION_PROVIDES_API),
    relationField('consumesApis', RELATION_CONSUMES_API),
    relationField('dependsOn', RELATION_DEPENDS_ON),
    relationField('dependencyOf', RELATION_DEPENDENCY_OF),
    relationField('system', RELATION_PART_OF),
  ],
};

export function isComponentEntity(entity: Entity): entity is ComponentEntity {
  return entity.kind === 'Component';
}
