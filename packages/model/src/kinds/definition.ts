import { defaultKindForField } from '../refs.js';
import type { RelationType } from '../relation-types.js';
import type { Shape } from '../validation/shape.js';

/** A spec field whose refs become relations of the entity. */
export interface RelationField {
  /** Name of the spec member holding a ref or a list of refs. */
  field: string;
  /** The relation from this entity to each target. */
  type: RelationType;
  /** Kind assumed for refs that leave it out. Without one, such refs are an error. */
  defaultKind?: string;
}

/**
 * What the catalog knows about a kind: which apiVersions it comes in, the shape of its spec,
 * and which spec fields are relations. Plugins add kinds by passing more definitions.
 */
export interface KindDefinition {
  kind: string;
  apiVersions: readonly string[];
  /** The spec's shape; `spec` itself is required for every kind with a definition. */
  spec: Shape & { type: 'object' };
  /** One line about what the kind describes, used in messages. */
  description: string;
  relations: readonly RelationField[];
}

/** A relation field whose default kind is the one the field name implies (see DEFAULT_KIND_BY_FIELD). */
export function relationField(field: string, type: RelationType): RelationField {
  const defaultKind = defaultKindForField(field);
  return { field, type, ...(defaultKind ? { defaultKind } : {}) };
}
