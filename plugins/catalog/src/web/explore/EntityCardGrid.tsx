import { Box, Card, CardActionArea, CardContent, Chip, Skeleton, Typography } from '@mui/material';
import type { Entity } from '@portico/model';
import { ErrorPanel } from '@portico/web';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import type { EntityPredicate } from '../../common/contracts.js';
import { TablePager } from '../catalog/TablePager.js';
import { TextFilter } from '../catalog/TextFilter.js';
import { TEXT_FILTER_FIELDS } from '../catalog/catalog-query.js';
import { KindIcon } from '../components/KindIcon.js';
import { entityPath } from '../entity-routes.js';
import { entityDisplayName, humanizeRef, specText } from '../entity-text.js';
import { entitiesQuery } from '../queries.js';

const PAGE_SIZE = 24;
const FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'metadata.description', 'metadata.tags', 'spec.owner', 'spec.domain', 'spec.type', 'relations'];

export interface EntityCardGridProps {
  /** "domains", "systems": names the list and the filter. */
  label: string;
  query: EntityPredicate;
  /** Facts under each card's description, e.g. "4 systems". */
  facts: (entity: Entity) => ReactNode[];
  empty: ReactNode;
}

/** A page of entities as cards, with a text filter and server pagination. */
export function EntityCardGrid({ label, query, facts, empty }: EntityCardGridProps) {
  const [page, setPage] = useState(1);
  const [term, setTerm] = useState('');
  const entities = useQuery(
    entitiesQuery({
      query,
      orderBy: [{ field: 'metadata.name', order: 'asc' }],
      ...(term.trim() === '' ? {} : { fullTextFilter: { term: term.trim(), fields: TEXT_FILTER_FIELDS } }),
      fields: FIELDS,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
      totalItems: 'include',
    }),
  );
  return (
    <>
      <Box sx={{ maxWidth: 420, mb: 2 }}>
        <TextFilter
          label={`Filter ${label}`}
          value={term}
          onChange={(value) => {
            setTerm(value);
            setPage(1);
          }}
        />
      </Box>
      {entities.isError && <ErrorPanel error={entities.error} onRetry={() => void entities.refetch()} />}
      {entities.data?.items.length === 0 && empty}
      <Box
        component="ul"
        aria-label={label.charAt(0).toLocaleUpperCase() + label.slice(1)}
        aria-busy={entities.isFetching}
        sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(280px, 1fr))', opacity: entities.isPlaceholderData ? 0.6 : 1 }}
      >
        {entities.isPending &&
          Array.from({ length: 6 }, (_, index) => (
            <Box component="li" key={index}>
              <Skeleton variant="rounded" height={150} />
            </Box>
          ))}
        {entities.data?.items.map((entity) => (
          <Box component="li" key={entity.metadata.uid ?? `${entity.kind}:${entity.metadata.namespace}/${entity.metadata.name}`}>
            <EntityCard entity={entity} facts={facts(entity)} />
          </Box>
        ))}
      </Box>
      {entities.data && entities.data.totalItems > PAGE_SIZE && (
        <Box sx={{ mt: 2 }}>
          <TablePager page={page} size={PAGE_SIZE} total={entities.data.totalItems} pageSizes={[PAGE_SIZE]} onPage={setPage} onSize={() => undefined} />
        </Box>
      )}
    </>
  );
}

function EntityCard({ entity, facts }: { entity: Entity; facts: ReactNode[] }) {
  const owner = specText(entity, 'owner');
  return (
    <Card sx={{ height: '100%' }}>
      <CardActionArea href={entityPath(entity)} sx={{ height: '100%', display: 'flex', flexDirection: 'column', alignItems: 'stretch', justifyContent: 'flex-start' }}>
        <CardContent sx={{ flexGrow: 1 }}>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
            <KindIcon kind={entity.kind} sx={{ color: 'primary.main' }} />
            <Typography variant="h6" component="h3" sx={{ fontSize: '1.05rem' }}>
              {entityDisplayName(entity)}
            </Typography>
          </Box>
          <Typography
            variant="body2"
            color="text.secondary"
            sx={{ display: '-webkit-box', WebkitLineClamp: 3, WebkitBoxOrient: 'vertical', overflow: 'hidden', minHeight: '3.9em' }}
          >
            {entity.metadata.description ?? 'No description.'}
          </Typography>
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.75, mt: 1.5 }}>
            {owner && <Chip size="small" variant="outlined" label={`Owner: ${humanizeRef(owner, 'Group')}`} />}
            {facts.map((fact, index) => (
              <Chip key={index} size="small" label={fact} />
            ))}
          </Box>
        </CardContent>
      </CardActionArea>
    </Card>
  );
}
