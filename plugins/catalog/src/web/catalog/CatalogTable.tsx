import {
  Box,
  LinearProgress,
  Paper,
  Skeleton,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  TableSortLabel,
} from '@mui/material';
import { stringifyEntityRef, type Entity } from '@portico/model';
import type { ReactNode } from 'react';
import { StarButton } from '../components/StarButton.js';
import { entityDisplayName } from '../entity-text.js';
import type { CatalogColumn } from './columns.js';
import { PAGE_SIZES } from './catalog-search.js';
import { TablePager } from './TablePager.js';

export interface CatalogTableProps {
  /** Names the table for assistive technology and tests, e.g. "Components". */
  label: string;
  columns: readonly CatalogColumn[];
  entities: readonly Entity[] | undefined;
  totalItems: number | undefined;
  /** True while a new page is on its way (the previous rows stay). */
  fetching: boolean;
  sort: { column: string; dir: 'asc' | 'desc' };
  onSort: (column: string) => void;
  page: number;
  size: number;
  onPage: (page: number) => void;
  onSize: (size: number) => void;
  /** The page sizes on offer; the catalog's when absent. */
  pageSizes?: readonly number[];
  /** Shown instead of rows when the page is empty. */
  empty: ReactNode;
}

/** One server page of entities: sortable headers, a star per row, pagination with the total. */
export function CatalogTable(props: CatalogTableProps) {
  const { label, columns, entities, totalItems, fetching, sort, onSort, page, size, onPage, onSize, pageSizes = PAGE_SIZES, empty } = props;
  const loading = entities === undefined;
  return (
    <Paper variant="outlined" sx={{ position: 'relative', overflow: 'hidden' }}>
      <Box sx={{ position: 'absolute', top: 0, left: 0, right: 0, height: 2 }}>
        {fetching && !loading && <LinearProgress aria-label="Loading entities" sx={{ height: 2 }} />}
      </Box>
      <TableContainer>
        <Table size="small" aria-label={label} aria-busy={fetching} sx={{ '& td, & th': { px: 1.5 }, minWidth: 760, tableLayout: 'fixed' }}>
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox" sx={{ width: 44 }}>
                <Box component="span" sx={visuallyHidden}>
                  Star
                </Box>
              </TableCell>
              {columns.map((column) => (
                <TableCell
                  key={column.id}
                  sx={{ width: column.width, fontWeight: 600, whiteSpace: 'nowrap', py: 1.25 }}
                  sortDirection={sort.column === column.id ? sort.dir : false}
                >
                  {column.sortField === undefined ? (
                    column.label
                  ) : (
                    <TableSortLabel
                      active={sort.column === column.id}
                      direction={sort.column === column.id ? sort.dir : 'asc'}
                      onClick={() => onSort(column.id)}
                    >
                      {column.label}
                    </TableSortLabel>
                  )}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody sx={{ opacity: fetching && !loading ? 0.6 : 1, transition: 'opacity 120ms' }}>
            {loading &&
              Array.from({ length: Math.min(size, 8) }, (_, row) => (
                <TableRow key={row}>
                  <TableCell padding="checkbox" />
                  {columns.map((column) => (
                    <TableCell key={column.id}>
                      <Skeleton width={column.id === 'name' ? '70%' : '50%'} />
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            {entities?.length === 0 && (
              <TableRow>
                <TableCell colSpan={columns.length + 1} sx={{ borderBottom: 0 }}>
                  {empty}
                </TableCell>
              </TableRow>
            )}
            {entities?.map((entity) => {
              const ref = stringifyEntityRef(entity);
              return (
                <TableRow key={entity.metadata.uid ?? ref} hover>
                  <TableCell padding="checkbox">
                    <StarButton entityRef={ref} label={entityDisplayName(entity)} />
                  </TableCell>
                  {columns.map((column) => (
                    <TableCell key={column.id} sx={{ verticalAlign: 'top', py: 1.25, overflowWrap: 'anywhere' }}>
                      {column.render(entity)}
                    </TableCell>
                  ))}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
      <TablePager page={page} size={size} total={totalItems} pageSizes={pageSizes} onPage={onPage} onSize={onSize} />
    </Paper>
  );
}

const visuallyHidden = {
  border: 0,
  clip: 'rect(0 0 0 0)',
  height: 1,
  margin: -1,
  overflow: 'hidden',
  padding: 0,
  position: 'absolute',
  whiteSpace: 'nowrap',
  width: 1,
} as const;
