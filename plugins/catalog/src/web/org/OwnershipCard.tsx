import { Alert, Box, Skeleton, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import type { Entity } from '@portico/model';
import { ErrorPanel } from '@portico/web';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { catalogSearchParams, parseCatalogSearch } from '../catalog/catalog-search.js';
import { CatalogTable } from '../catalog/CatalogTable.js';
import { MIXED_KIND_COLUMNS } from '../catalog/columns.js';
import { TABLE_FIELDS } from '../catalog/catalog-query.js';
import { InfoCard } from '../components/InfoCard.js';
import { KindIcon } from '../components/KindIcon.js';
import { SearchLink } from '../components/SearchLinks.js';
import { entitiesQuery } from '../queries.js';
import { ownershipSentence, pluralize, type OwnershipCount } from './ownership.js';
import { ownedByPredicate, useOwnerRefs, useOwnershipCounts, type OwnershipMode } from './use-ownership.js';

const PAGE_SIZE = 10;

/**
 * What a group or user owns: counts by kind and type (each a link to the same list in the
 * catalog), directly or including subgroups (a group) or the user's groups, and the list itself.
 */
export function OwnershipCard({ entity }: { entity: Entity }) {
  const isGroup = entity.kind.toLocaleLowerCase('en-US') === 'group';
  // A user mostly owns things through their teams, so their view starts with those.
  const [mode, setMode] = useState<OwnershipMode>(isGroup ? 'direct' : 'aggregated');
  const owners = useOwnerRefs(entity, mode);
  const { counts, error } = useOwnershipCounts(owners.refs);
  return (
    <InfoCard
      title="Ownership"
      action={
        <ToggleButtonGroup
          exclusive
          size="small"
          value={mode}
          aria-label="Ownership scope"
          onChange={(_event, value: OwnershipMode | null) => {
            if (value !== null) setMode(value);
          }}
        >
          <ToggleButton value="direct" sx={{ py: 0.25, px: 1.25 }}>
            Direct
          </ToggleButton>
          <ToggleButton value="aggregated" sx={{ py: 0.25, px: 1.25 }}>
            {isGroup ? 'With subgroups' : 'With my groups'}
          </ToggleButton>
        </ToggleButtonGroup>
      }
    >
      {owners.truncated && (
        <Alert severity="info" variant="outlined" sx={{ mb: 2 }}>
          This group has more subgroups than one view follows; the counts cover the first 500 groups.
        </Alert>
      )}
      {(error ?? owners.error) ? (
        <ErrorPanel error={(error ?? owners.error)!} />
      ) : counts === undefined || owners.refs === undefined ? (
        <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))' }}>
          {[0, 1, 2].map((index) => (
            <Skeleton key={index} variant="rounded" height={84} />
          ))}
        </Box>
      ) : (
        <>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }} data-testid="ownership-summary">
            {counts.length === 0
              ? `${isGroup ? 'This group' : 'This user'} owns nothing in the catalog${mode === 'aggregated' ? ', even counting ' + (isGroup ? 'subgroups' : 'their groups') : ''}.`
              : `${ownershipSentence(counts)}${mode === 'aggregated' ? ` across ${owners.refs.length} ${owners.refs.length === 1 ? 'owner' : 'owners'}` : ''}.`}
          </Typography>
          <Box
            component="ul"
            aria-label="Owned entities by kind and type"
            sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 1.5, gridTemplateColumns: 'repeat(auto-fill, minmax(150px, 1fr))' }}
          >
            {counts.map((item) => (
              <CountTile key={`${item.kind}/${item.type ?? ''}`} item={item} owners={owners.refs!} />
            ))}
          </Box>
          {counts.length > 0 && <OwnedEntities owners={owners.refs} />}
        </>
      )}
    </InfoCard>
  );
}

function CountTile({ item, owners }: { item: OwnershipCount; owners: readonly string[] }) {
  const state = parseCatalogSearch({ kind: item.kind });
  const search = catalogSearchParams({ ...state, owner: [...owners], type: item.type === undefined ? [] : [item.type] });
  const label = pluralize(item.type ?? item.kind.toLocaleLowerCase('en-US'), item.count);
  return (
    <Box component="li">
      <SearchLink
        to="/catalog"
        search={search}
        underline="none"
        aria-label={`${item.count} ${label}${item.type === undefined ? '' : ` (${item.kind})`}`}
        sx={{
          width: '100%',
          display: 'flex',
          flexDirection: 'column',
          alignItems: 'flex-start',
          p: 1.5,
          borderRadius: 1,
          border: 1,
          borderColor: 'divider',
          color: 'text.primary',
          textAlign: 'left',
          transition: 'border-color 120ms, background-color 120ms',
          '&:hover, &:focus-visible': { borderColor: 'primary.main', bgcolor: 'action.hover' },
        }}
      >
        <Typography component="span" sx={{ fontSize: '1.6rem', fontWeight: 700, lineHeight: 1.1, fontVariantNumeric: 'tabular-nums' }}>
          {item.count}
        </Typography>
        <Typography component="span" variant="body2" sx={{ fontWeight: 600 }}>
          {label}
        </Typography>
        <Typography component="span" variant="caption" color="text.secondary" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
          <KindIcon kind={item.kind} sx={{ fontSize: 14 }} />
          {item.type === undefined ? 'no type' : item.kind}
        </Typography>
      </SearchLink>
    </Box>
  );
}

function OwnedEntities({ owners }: { owners: readonly string[] }) {
  const [page, setPage] = useState(1);
  const [sort, setSort] = useState<{ column: string; dir: 'asc' | 'desc' }>({ column: 'kind', dir: 'asc' });
  const column = MIXED_KIND_COLUMNS.find((item) => item.id === sort.column) ?? MIXED_KIND_COLUMNS[0]!;
  const entities = useQuery(
    entitiesQuery({
      query: ownedByPredicate(owners),
      orderBy: [{ field: column.sortField ?? 'metadata.name', order: sort.dir }, { field: 'metadata.name', order: 'asc' }],
      fields: TABLE_FIELDS,
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
      totalItems: 'include',
    }),
  );
  if (entities.isError) return <ErrorPanel error={entities.error} onRetry={() => void entities.refetch()} />;
  return (
    <Box sx={{ mt: 3 }}>
      <Typography variant="subtitle2" component="h3" sx={{ mb: 1 }}>
        Owned entities
      </Typography>
      <CatalogTable
        label="Owned entities"
        columns={MIXED_KIND_COLUMNS}
        entities={entities.data?.items}
        totalItems={entities.data?.totalItems}
        fetching={entities.isFetching}
        sort={sort}
        onSort={(id) => {
          setSort((current) => ({ column: id, dir: current.column === id && current.dir === 'asc' ? 'desc' : 'asc' }));
          setPage(1);
        }}
        page={page}
        size={PAGE_SIZE}
        pageSizes={[PAGE_SIZE]}
        onPage={setPage}
        onSize={() => undefined}
        empty={null}
      />
    </Box>
  );
}
