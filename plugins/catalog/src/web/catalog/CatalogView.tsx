import { Alert, Box, Button, Tab, Tabs, Typography } from '@mui/material';
import AddRoundedIcon from '@mui/icons-material/AddRounded';
import { ErrorPanel, PageHeader } from '@portico/web';
import { useQuery } from '@tanstack/react-query';
import { entitiesQuery, facetsQuery } from '../queries.js';
import { useStarredEntities } from '../stars.js';
import { CatalogFilters } from './CatalogFilters.js';
import { CatalogTable } from './CatalogTable.js';
import { catalogPredicate, catalogQueryRequest } from './catalog-query.js';
import { clearedFilters, hasFilters, type CatalogSearch } from './catalog-search.js';
import { columnsForKind } from './columns.js';
import { kindLabel, kindPlural, orderKinds } from './kinds.js';
import { TextFilter } from './TextFilter.js';
import { useCatalogSearch } from './use-catalog-search.js';

export interface CatalogViewProps {
  /** The route this view is mounted on (`/catalog`, `/api-docs`). */
  path: string;
  title: string;
  subtitle: string;
  /** Fixes the kind and hides the kind selector (the APIs page). */
  fixedKind?: string;
}

/** The catalog table with its kind selector, filters, text filter, sorting and pages. */
export function CatalogView({ path, title, subtitle, fixedKind }: CatalogViewProps) {
  const [state, update] = useCatalogSearch(path, fixedKind);
  const stars = useStarredEntities();

  const kinds = useQuery(facetsQuery(['kind'], undefined));
  const kindFacet = kinds.data?.facets.kind ?? [];

  const columns = columnsForKind(state.kind);
  const sortColumn = columns.find((column) => column.id === state.sort && column.sortField !== undefined) ?? columns[0]!;
  const predicate = catalogPredicate(state, stars.refs);
  const request = predicate === undefined ? undefined : catalogQueryRequest(state, predicate, [{ field: sortColumn.sortField ?? 'metadata.name', order: state.dir }]);
  const entities = useQuery({ ...entitiesQuery(request ?? catalogQueryRequest(state, { kind: state.kind }, [])), enabled: request !== undefined });

  const starredOfKind = stars.refs.filter((ref) => ref.startsWith(`${state.kind}:`)).length;
  const label = kindPlural(kindLabel(state.kind, kindFacet));
  const kindCount = kindFacet.find((facet) => facet.value.toLocaleLowerCase('en-US') === state.kind)?.count;

  const rows = request === undefined ? [] : entities.data?.items;
  const total = request === undefined ? 0 : entities.data?.totalItems;

  return (
    <>
      <PageHeader
        title={title}
        subtitle={subtitle}
        actions={
          <Button variant="contained" startIcon={<AddRoundedIcon />} href="/catalog-import">
            Register existing component
          </Button>
        }
      />
      {fixedKind === undefined && (
        <Box sx={{ borderBottom: 1, borderColor: 'divider', mb: 3 }}>
          {kinds.isError ? (
            <Alert severity="error" variant="outlined" sx={{ mb: 2 }}>
              The kinds could not be loaded: {kinds.error.message}
            </Alert>
          ) : (
            <Tabs
              value={kindFacet.some((facet) => facet.value.toLocaleLowerCase('en-US') === state.kind) ? state.kind : false}
              onChange={(_event, kind: string) => update({ ...clearedFilters(state), kind, sort: undefined, dir: 'asc' })}
              variant="scrollable"
              scrollButtons="auto"
              aria-label="Kind"
            >
              {orderKinds(kindFacet).map((facet) => (
                <Tab
                  key={facet.value}
                  value={facet.value.toLocaleLowerCase('en-US')}
                  label={
                    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'baseline', gap: 0.75 }}>
                      {kindPlural(facet.value)}
                      <Typography component="span" variant="caption" color="text.secondary" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                        {facet.count.toLocaleString()}
                      </Typography>
                    </Box>
                  }
                  sx={{ minHeight: 44, px: 1.5, minWidth: 0 }}
                />
              ))}
            </Tabs>
          )}
        </Box>
      )}
      <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', md: '260px minmax(0, 1fr)' }, alignItems: 'start' }}>
        <CatalogFilters
          state={state}
          starredCount={starredOfKind}
          onChange={(patch) => update(patch)}
          onClear={() => update(clearedFilters(state))}
        />
        <Box sx={{ minWidth: 0 }}>
          <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', mb: 2 }}>
            <Box sx={{ flexGrow: 1, maxWidth: 480 }}>
              <TextFilter label={`Filter ${label.toLocaleLowerCase()}`} value={state.q} onChange={(q) => update({ q }, { replace: true })} />
            </Box>
            <Typography variant="body2" color="text.secondary" role="status" aria-live="polite" sx={{ ml: 'auto', whiteSpace: 'nowrap' }}>
              {total === undefined ? '' : describeTotal(total, kindCount, label)}
            </Typography>
          </Box>
          {entities.isError && request !== undefined ? (
            <ErrorPanel error={entities.error} title={`The ${label.toLocaleLowerCase()} could not be loaded`} onRetry={() => void entities.refetch()} />
          ) : (
            <CatalogTable
              label={label}
              columns={columns}
              entities={rows}
              totalItems={total}
              fetching={entities.isFetching}
              sort={{ column: sortColumn.id, dir: state.dir }}
              onSort={(column) =>
                update({ sort: column, dir: sortColumn.id === column && state.dir === 'asc' ? 'desc' : 'asc', page: state.page })
              }
              page={state.page}
              size={state.size}
              onPage={(page) => update({ page })}
              onSize={(size) => update({ size })}
              empty={<EmptyCatalog state={state} label={label} onClear={() => update(clearedFilters(state))} />}
            />
          )}
        </Box>
      </Box>
    </>
  );
}

function describeTotal(total: number, kindCount: number | undefined, label: string): string {
  const shown = `${total.toLocaleString()} ${label.toLocaleLowerCase()}`;
  return kindCount !== undefined && kindCount !== total ? `${shown} of ${kindCount.toLocaleString()}` : shown;
}

function EmptyCatalog({ state, label, onClear }: { state: CatalogSearch; label: string; onClear: () => void }) {
  const lower = label.toLocaleLowerCase();
  let heading: string;
  let text: string;
  let action = (
    <Button variant="outlined" onClick={onClear}>
      Clear filters
    </Button>
  );
  if (state.starred && !hasFilters({ ...state, starred: false })) {
    heading = `No starred ${lower} yet`;
    text = `Star the ${lower} you use often with the star beside their name; they stay starred in this browser.`;
    action = (
      <Button variant="outlined" onClick={onClear}>
        Show all {lower}
      </Button>
    );
  } else if (hasFilters(state)) {
    heading = `No ${lower} match these filters`;
    text = 'Try fewer filters or another spelling.';
  } else {
    heading = `No ${lower} in the catalog yet`;
    text = 'Register a repository that has a catalog-info.yaml file, and its entities appear here.';
    action = (
      <Button variant="outlined" href="/catalog-import">
        Register existing component
      </Button>
    );
  }
  return (
    <Box sx={{ py: 6, textAlign: 'center' }}>
      <Typography variant="h6" component="p">
        {heading}
      </Typography>
      <Typography color="text.secondary" sx={{ mt: 0.5, mb: 2 }}>
        {text}
      </Typography>
      {action}
    </Box>
  );
}
