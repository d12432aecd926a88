/** The relation types of the catalog, each with its reverse. */
export const RELATION_OWNED_BY = 'ownedBy';
export const RELATION_OWNER_OF = 'ownerOf';
export const RELATION_PART_OF = 'partOf';
export const RELATION_HAS_PART = 'hasPart';
export const RELATION_PROVIDES_API = 'providesApi';
export const RELATION_API_PROVIDED_BY = 'apiProvidedBy';
export const RELATION_CONSUMES_API = 'consumesApi';
export const RELATION_API_CONSUMED_BY = 'apiConsumedBy';
export const RELATION_DEPENDS_ON = 'dependsOn';
export const RELATION_DEPENDENCY_OF = 'dependencyOf';
export const RELATION_PARENT_OF = 'parentOf';
export const RELATION_CHILD_OF = 'childOf';
export const RELATION_MEMBER_OF = 'memberOf';
export const RELATION_HAS_MEMBER = 'hasMember';

/** Forward and reverse type of every well-known relation pair. */
export const RELATION_PAIRS = [
  [RELATION_OWNED_BY, RELATION_OWNER_OF],
  [RELATION_PART_OF, RELATION_HAS_PART],
  [RELATION_PROVIDES_API, RELATION_API_PROVIDED_BY],
  [RELATION_CONSUMES_API, RELATION_API_CONSUMED_BY],
  [RELATION_DEPENDS_ON, RELATION_DEPENDENCY_OF],
  [RELATION_PARENT_OF, RELATION_CHILD_OF],
  [RELATION_MEMBER_OF, RELATION_HAS_MEMBER],
] as const;

export type RelationType = (typeof RELATION_PAIRS)[number][number];

/** Each relation type mapped to its reverse, both ways (`ownedBy` ↔ `ownerOf`). */
export const REVERSE_RELATION: Readonly<Record<RelationType, RelationType>> = Object.freeze(
  Object.fromEntries(RELATION_PAIRS.flatMap(([forward, reverse]) => [[forward, reverse], [reverse, forward]])) as Record<
    RelationType,
    RelationType
  >,
);

/** The reverse of a relation type, or undefined for a type outside the well-known pairs. */
export function reverseRelationType(type: string): RelationType | undefined {
  return Object.prototype.hasOwnProperty.call(REVERSE_RELATION, type) ? REVERSE_RELATION[type as RelationType] : undefined;
}
