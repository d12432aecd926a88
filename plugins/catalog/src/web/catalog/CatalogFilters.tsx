import { Box, Button, Paper, Skeleton, Stack, ToggleButton, ToggleButtonGroup, Typography } from '@mui/material';
import StarRoundedIcon from '@mui/icons-material/StarRounded';
import { humanizeRef } from '../entity-text.js';
import { lazy, Suspense } from 'react';

// The Autocomplete behind each filter is the heaviest code on the page; the rows come first.
const FacetFilter = lazy(() => import('./FacetFilter.js').then((module) => ({ default: module.FacetFilter })));
import { FACET_KEYS } from './catalog-query.js';
import { hasFilters, type CatalogSearch, type FacetParam } from './catalog-search.js';

const FACET_LABELS: Readonly<Record<FacetParam, string>> = {
  type: 'Type',
  owner: 'Owner',
  lifecycle: 'Lifecycle',
  tag: 'Tags',
  namespace: 'Namespace',
};

const FORMATTERS: Partial<Record<FacetParam, (value: string) => string>> = {
  owner: (value) => humanizeRef(value, 'Group'),
};

/** The filters that make sense per kind (users have no lifecycle, systems no type). */
const FILTERS_BY_KIND: Readonly<Record<string, readonly FacetParam[]>> = {
  component: ['type', 'owner', 'lifecycle', 'tag', 'namespace'],
  api: ['type', 'owner', 'lifecycle', 'tag', 'namespace'],
  resource: ['type', 'owner', 'tag', 'namespace'],
  system: ['owner', 'tag', 'namespace'],
  domain: ['owner', 'tag', 'namespace'],
  group: ['type', 'tag', 'namespace'],
  user: ['tag', 'namespace'],
  template: ['type', 'owner', 'tag', 'namespace'],
  location: ['type', 'namespace'],
};
const DEFAULT_FILTERS: readonly FacetParam[] = ['type', 'owner', 'lifecycle', 'tag', 'namespace'];

export interface CatalogFiltersProps {
  state: CatalogSearch;
  starredCount: number;
  onChange: (patch: Partial<CatalogSearch>) => void;
  onClear: () => void;
}

/** The filter column: all or starred, then one multi-select per facet that fits the kind. */
export function CatalogFilters({ state, starredCount, onChange, onClear }: CatalogFiltersProps) {
  const offered = FILTERS_BY_KIND[state.kind] ?? DEFAULT_FILTERS;
  // A filter the kind does not offer stays while the URL selects something in it, so it can be cleared.
  const shown = [...offered, ...DEFAULT_FILTERS.filter((param) => !offered.includes(param) && state[param].length > 0)];
  return (
    <Paper component="section" aria-label="Filters" variant="outlined" sx={{ p: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', mb: 1.5 }}>
        <Typography variant="h6" component="h2" sx={{ flexGrow: 1, fontSize: '0.95rem' }}>
          Filters
        </Typography>
        <Button size="small" onClick={onClear} disabled={!hasFilters(state)}>
          Clear all
        </Button>
      </Box>
      <ToggleButtonGroup
        exclusive
        fullWidth
        size="small"
        aria-label="Show"
        value={state.starred ? 'starred' : 'all'}
        onChange={(_event, value: 'all' | 'starred' | null) => {
          if (value !== null) onChange({ starred: value === 'starred' });
        }}
        sx={{ mb: 2 }}
      >
        <ToggleButton value="all">All</ToggleButton>
        <ToggleButton value="starred" aria-label={`Starred (${starredCount})`}>
          <StarRoundedIcon fontSize="small" sx={{ mr: 0.5, color: state.starred ? 'warning.main' : undefined }} />
          Starred
          <Typography component="span" variant="caption" sx={{ ml: 0.75, opacity: 0.8 }}>
            {starredCount}
          </Typography>
        </ToggleButton>
      </ToggleButtonGroup>
      <Suspense fallback={<FilterSkeletons />}>
        <Stack spacing={2}>
          {shown.map((param) => {
            const formatter = FORMATTERS[param];
            return (
              <FacetFilter
                key={`${state.kind}/${param}`}
                label={FACET_LABELS[param]}
                facetKey={FACET_KEYS[param]}
                kind={state.kind}
                selected={state[param]}
                onChange={(values) => onChange({ [param]: values })}
                {...(formatter ? { formatValue: formatter } : {})}
              />
            );
          })}
        </Stack>
      </Suspense>
    </Paper>
  );
}

function FilterSkeletons() {
  return (
    <Stack spacing={2} aria-hidden>
      {[0, 1, 2].map((index) => (
        <Skeleton key={index} variant="rounded" height={40} />
      ))}
    </Stack>
  );
}
