import { apiKind } from './api.js';
import { componentKind } from './component.js';
import type { KindDefinition } from './definition.js';
import { domainKind } from './domain.js';
import { groupKind } from './group.js';
import { locationKind } from './location.js';
import { resourceKind } from './resource.js';
import { systemKind } from './system.js';
import { templateKind } from './template.js';
import { userKind } from './user.js';

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
