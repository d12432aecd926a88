import {
  RELATION_API_CONSUMED_BY,
  RELATION_API_PROVIDED_BY,
  RELATION_CONSUMES_API,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_PROVIDES_API,
  type Entity,
} from '@portico/model';

/** A card listing the entities at the other end of one relation type. */
export interface RelationCardSpec {
  id: string;
  title: string;
  relation: string;
  /** Entity kinds (lower-case) the card belongs to. */
  kinds: readonly string[];
  /** Only targets of these kinds (lower-case); all when absent. */
  targetKinds?: readonly string[];
  order: number;
}

/** The relation cards of the overview, in Backstage's vocabulary. */
export const RELATION_CARDS: readonly RelationCardSpec[] = [
  { id: 'provided-apis', title: 'Provided APIs', relation: RELATION_PROVIDES_API, kinds: ['component'], order: 30 },
  { id: 'consumed-apis', title: 'Consumed APIs', relation: RELATION_CONSUMES_API, kinds: ['component'], order: 31 },
  { id: 'subcomponents', title: 'Subcomponents', relation: RELATION_HAS_PART, kinds: ['component'], targetKinds: ['component'], order: 32 },
  { id: 'api-providers', title: 'Provided by', relation: RELATION_API_PROVIDED_BY, kinds: ['api'], order: 30 },
  { id: 'api-consumers', title: 'Consumed by', relation: RELATION_API_CONSUMED_BY, kinds: ['api'], order: 31 },
  { id: 'system-components', title: 'Components', relation: RELATION_HAS_PART, kinds: ['system'], targetKinds: ['component'], order: 30 },
  { id: 'system-apis', title: 'APIs', relation: RELATION_HAS_PART, kinds: ['system'], targetKinds: ['api'], order: 31 },
  { id: 'system-resources', title: 'Resources', relation: RELATION_HAS_PART, kinds: ['system'], targetKinds: ['resource'], order: 32 },
  { id: 'domain-systems', title: 'Systems', relation: RELATION_HAS_PART, kinds: ['domain'], targetKinds: ['system'], order: 30 },
  { id: 'subdomains', title: 'Subdomains', relation: RELATION_HAS_PART, kinds: ['domain'], targetKinds: ['domain'], order: 31 },
  { id: 'depends-on', title: 'Depends on', relation: RELATION_DEPENDS_ON, kinds: ['component', 'resource', 'system'], order: 40 },
  { id: 'dependents', title: 'Dependents', relation: RELATION_DEPENDENCY_OF, kinds: ['component', 'resource', 'system'], order: 41 },
];

/** The refs a relation card lists for an entity, in the entity's relation order. */
export function relationCardTargets(spec: RelationCardSpec, entity: Pick<Entity, 'relations'>): string[] {
  return (entity.relations ?? [])
    .filter((relation) => relation.type === spec.relation)
    .map((relation) => relation.targetRef)
    .filter((ref) => spec.targetKinds === undefined || spec.targetKinds.includes(ref.slice(0, ref.indexOf(':'))));
}

/** Whether the card shows for an entity: its kind, and at least one target. */
export function relationCardApplies(spec: RelationCardSpec, entity: Pick<Entity, 'kind' | 'relations'>): boolean {
  return spec.kinds.includes(entity.kind.toLocaleLowerCase('en-US')) && relationCardTargets(spec, entity).length > 0;
}
