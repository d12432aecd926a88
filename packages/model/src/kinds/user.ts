import type { BackstageApiVersion, Entity } from '../entity.js';
import type { JsonValue } from '../json.js';
import { RELATION_MEMBER_OF } from '../relation-types.js';
import { object, required, textList } from '../validation/shape.js';
import { relationField, type KindDefinition } from './definition.js';
import { profileField, type EntityProfile } from './profile.js';

export type UserSpec = {
  profile?: EntityProfile;
  memberOf: string[];
  [key: string]: JsonValue | undefined;
};

export interface UserEntity extends Entity<UserSpec> {
  apiVersion: BackstageApiVersion;
  kind: 'User';
  spec: UserSpec;
}

export const userKind: KindDefinition = {
  kind: 'User',
  apiVersions: ['backstage.io/v1alpha1', 'backstage.io/v1beta1'],
  description: 'a person',
  spec: object({
    profile: profileField,
    memberOf: required(textList('refs to the Groups the user belongs to; write "memberOf: []" when there are none')),
  }),
  relations: [relationField('memberOf', RELATION_MEMBER_OF)],
};

export function isUserEntity(entity: Entity): entity is UserEntity {
  return entity.kind === 'User';
}
