import type { Entity } from '@portico/model';
import { InfoCard } from '../components/InfoCard.js';
import { relationCardTargets, type RelationCardSpec } from './relation-cards.js';
import { RelatedEntitiesTable } from './RelatedEntitiesTable.js';

/** The card component for one relation spec (the overview mounts it for every applicable entity). */
export function relationCard(spec: RelationCardSpec) {
  function RelationCard({ entity }: { entity: Entity }) {
    const refs = relationCardTargets(spec, entity);
    return (
      <InfoCard title={spec.title} subheader={refs.length} flush>
        <RelatedEntitiesTable refs={refs} label={spec.title} showKind={spec.targetKinds === undefined && new Set(refs.map((ref) => ref.split(':')[0])).size > 1} />
      </InfoCard>
    );
  }
  RelationCard.displayName = `RelationCard(${spec.id})`;
  return RelationCard;
}
