import type { BackstageApiVersion, Entity } from '../entity.js';
import type { JsonValue } from '../json.js';
import { field, object, text, textList } from '../validation/shape.js';
import type { KindDefinition } from './definition.js';

export type LocationSpec = {
  type?: string;
  target?: string;
  targets?: string[];
  /** `optional` tolerates a missing target; the default is `required`. */
  presence?: 'required' | 'optional';
  [key: string]: JsonValue | undefined;
};

export interface LocationEntity extends Entity<LocationSpec> {
  apiVersion: BackstageApiVersion;
  kind: 'Location';
  spec: LocationSpec;
}

export const locationKind: KindDefinition = {
  kind: 'Location',
  apiVersions: ['backstage.io/v1alpha1', 'backstage.io/v1beta1'],
  description: 'a pointer to more catalog files',
  spec: object({
    type: text('how to read the targets, e.g. url or file'),
    target: text('a path or URL of a catalog file'),
    targets: textList('paths or URLs of catalog files'),
    presence: field({ type: 'string', oneOf: ['required', 'optional'] }),
  }),
  relations: [],
};

export function isLocationEntity(entity: Entity): entity is LocationEntity {
  return entity.kind === 'Location';
}
