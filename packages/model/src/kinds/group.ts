import type { BackstageApiVersion, Entity } from '../entity.js';
import type { JsonValue } from '../json.js';
import { RELATION_CHILD_OF, RELATION_HAS_MEMBER, RELATION_PARENT_OF } from '../relation-types.js';
import { object, required, text, textList } from '../validation/shape.js';
import { relationField, type KindDefinition } from './definition.js';
import { profileField, type EntityProfile } from './profile.js';

export type GroupSpec = {
  type: string;
  profile?: EntityProfile;
  parent?: string;
  children: string[];
  members?: string[];
  [key: string]: JsonValue | undefined;
};

export interface GroupEntity extends Entity<GroupSpec> {
  apiVersion: BackstageApiVersion;
  kind: 'Group';
  spec: GroupSpec;
}

export const groupKind: KindDefinition = {
  kind: 'Group',
  apiVersions: ['backstage.io/v1alpha1', 'backstage.io/v1beta1'],
  description: 'a team or other organisational unit',
  spec: object({
    type: required(text('the group type, e.g. team, department or business-unit')),
    profile: profileField,
    parent: text('a ref to the parent Group'),
    children: required(textList('refs to the child Groups; write "children: []" when there are none')),
    members: textList('refs to the Users in the group'),
  }),
  relations: [
    relationField('parent', RELATION_CHILD_OF),
    relationField('children', RELATION_PARENT_OF),
    relationField('members', RELATION_HAS_MEMBER),
  ],
};

export function isGroupEntity(entity: Entity): entity is GroupEntity {
  return entity.kind === 'Group';
}
