import type { BackstageApiVersion, Entity } from '../entity.js';
import type { JsonValue } from '../json.js';
import { RELATION_OWNED_BY, RELATION_PART_OF } from '../relation-types.js';
import { object, required, text } from '../validation/shape.js';
import { relationField, type KindDefinition } from './definition.js';
import { OWNER_HINT } from './hints.js';

export type DomainSpec = {
  owner: string;
  subdomainOf?: string;
  type?: string;
  [key: string]: JsonValue | undefined;
};

export interface DomainEntity extends Entity<DomainSpec> {
  apiVersion: BackstageApiVersion;
  kind: 'Domain';
  spec: DomainSpec;
}

export const domainKind: KindDefinition = {
  kind: 'Domain',
  apiVersions: ['backstage.io/v1alpha1', 'backstage.io/v1beta1'],
  description: 'a business area that groups systems',
  spec: object({
    owner: required(text(OWNER_HINT)),
    subdomainOf: text('a ref to the Domain it is part of'),
    type: text(),
  }),
  relations: [relationField('owner', RELATION_OWNED_BY), relationField('subdomainOf', RELATION_PART_OF)],
};

export function isDomainEntity(entity: Entity): entity is DomainEntity {
  return entity.kind === 'Domain';
}
