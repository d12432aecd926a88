import type { BackstageApiVersion, Entity } from '../entity.js';
import type { JsonValue } from '../json.js';
import { RELATION_OWNED_BY, RELATION_PART_OF } from '../relation-types.js';
import { object, required, text } from '../validation/shape.js';
import { relationField, type KindDefinition } from './definition.js';
import { LIFECYCLE_HINT, OWNER_HINT, SYSTEM_HINT } from './hints.js';

export type ApiSpec = {
  type: string;
  lifecycle: string;
  owner: string;
  definition: string;
  system?: string;
  [key: string]: JsonValue | undefined;
};

export interface ApiEntity extends Entity<ApiSpec> {
  apiVersion: BackstageApiVersion;
  kind: 'API';
  spec: ApiSpec;
}

export const apiKind: KindDefinition = {
  kind: 'API',
  apiVersions: ['backstage.io/v1alpha1', 'backstage.io/v1beta1'],
  description: 'an interface a component provides: OpenAPI, AsyncAPI, GraphQL, gRPC, …',
  spec: object({
    type: required(text('the API type, e.g. openapi, asyncapi, graphql or grpc')),
    lifecycle: required(text(LIFECYCLE_HINT)),
    owner: required(text(OWNER_HINT)),
    system: text(SYSTEM_HINT),
    definition: required(text('the API definition as text, or "$text: <path>" to read it from a file')),
  }),
  relations: [relationField('owner', RELATION_OWNED_BY), relationField('system', RELATION_PART_OF)],
};

export function isApiEntity(entity: Entity): entity is ApiEntity {
  return entity.kind === 'API';
}
