import OpenInFullRoundedIcon from '@mui/icons-material/OpenInFullRounded';
import { stringifyEntityRef, type Entity } from '@portico/model';
import { InfoCard } from '../components/InfoCard.js';
import { SearchButton } from '../components/SearchLinks.js';
import { entityDisplayName } from '../entity-text.js';
import { RelationsGraph } from './RelationsGraph.js';

/** The entity page's graph card: direct relations, and a way to the full graph page. */
export default function GraphCard({ entity }: { entity: Entity }) {
  const ref = stringifyEntityRef(entity);
  return (
    <InfoCard
      title="Relations"
      flush
      action={
        <SearchButton to="/catalog-graph" search={{ root: ref }} size="small" startIcon={<OpenInFullRoundedIcon fontSize="small" />}>
          Open graph
        </SearchButton>
      }
    >
      <RelationsGraph rootRef={ref} maxDepth={1} height={360} label={`Relations of ${entityDisplayName(entity)}`} />
    </InfoCard>
  );
}
