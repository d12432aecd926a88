import type { BackstageApiVersion, Entity } from '../entity.js';
import type { JsonValue } from '../json.js';
import { RELATION_OWNED_BY, RELATION_PART_OF } from '../relation-types.js';
import { object, required, text } from '../validation/shape.js';
import { relationField, type KindDefinition } from './definition.js';
import { OWNER_HINT } from './hints.js';

export type SystemSpec = {
  owner: string;
  domain?: string;
  type?: string;
  [key: string]: JsonValue | undefined;
};

export interface SystemEntity extends Entity<SystemSpec> {
  apiVersion: BackstageApiVersion;
  kind: 'System';
  spec: SystemSpec;
}

export const systemKind: KindDefinition = {
  kind: 'System',
  apiVersions: ['backstage.io/v1alpha1', 'backstage.io/v1beta1'],
  description: 'a set of components, APIs and resources that together provide a feature',
  spec: object({
    owner: required(text(OWNER_HINT)),
    domain: text('a ref to the Domain it belongs to'),
    type: text(),
  }),
  relations: [relationField('owner', RELATION_OWNED_BY), relationField('domain', RELATION_PART_OF)],
};

export function isSystemEntity(entity: Entity): entity is SystemEntity {
  return entity.kind === 'System';
}
