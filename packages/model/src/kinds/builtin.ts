import { apiKind, type ApiEntity } from './api.js';
import { componentKind, type ComponentEntity } from './component.js';
import type { KindDefinition } from './definition.js';
import { domainKind, type DomainEntity } from './domain.js';
import { groupKind, type GroupEntity } from './group.js';
import { locationKind, type LocationEntity } from './location.js';
import { resourceKind, type ResourceEntity } from './resource.js';
import { systemKind, type SystemEntity } from './system.js';
import { templateKind, type TemplateEntity } from './template.js';
import { userKind, type UserEntity } from './user.js';

/** An entity of one of the built-in kinds. */
export type BuiltinEntity =
  | ApiEntity
  | ComponentEntity
  | DomainEntity
  | GroupEntity
  | LocationEntity
  | ResourceEntity
  | SystemEntity
  | TemplateEntity
  | UserEntity;

/** The kinds every Portico catalog knows: Backstage's built-in kinds and the scaffolder's Template. */
export const BUILTIN_KINDS: readonly KindDefinition[] = [
  apiKind,
  componentKind,
  resourceKind,
  groupKind,
  locationKind,
  userKind,
  systemKind,
  domainKind,
  templateKind,
];

/** The definition that claims an entity's kind and apiVersion (kinds match exactly, case included). */
export function findKindDefinition(
  kind: string,
  apiVersion: string,
  kinds: readonly KindDefinition[] = BUILTIN_KINDS,
): KindDefinition | undefined {
  return kinds.find((definition) => definition.kind === kind && definition.apiVersions.includes(apiVersion));
}
