import { Box, IconButton, Typography } from '@mui/material';
import FirstPageRoundedIcon from '@mui/icons-material/FirstPageRounded';
import LastPageRoundedIcon from '@mui/icons-material/LastPageRounded';
import NavigateBeforeRoundedIcon from '@mui/icons-material/NavigateBeforeRounded';
import NavigateNextRoundedIcon from '@mui/icons-material/NavigateNextRounded';
import { useId } from 'react';

export interface TablePagerProps {
  /** 1-based. */
  page: number;
  size: number;
  /** Unknown while the first page loads. */
  total: number | undefined;
  pageSizes: readonly number[];
  onPage: (page: number) => void;
  onSize: (size: number) => void;
}

/**
 * Pagination under a server-paged table: page size, "26–50 of 1,204", and first/previous/
 * next/last. Written here rather than MUI's TablePagination, whose actions bring MUI's tooltip
 * and positioning engine into the catalog page's first load.
 */
export function TablePager({ page, size, total, pageSizes, onPage, onSize }: TablePagerProps) {
  const sizeId = useId();
  const lastPage = total === undefined ? page : Math.max(1, Math.ceil(total / size));
  const from = total === 0 ? 0 : (page - 1) * size + 1;
  const to = total === undefined ? page * size : Math.min(total, page * size);
  return (
    <Box
      component="nav"
      aria-label="Pages"
      sx={{ display: 'flex', alignItems: 'center', justifyContent: 'flex-end', gap: { xs: 1, sm: 3 }, px: 2, py: 0.75, borderTop: 1, borderColor: 'divider', flexWrap: 'wrap' }}
    >
      {pageSizes.length > 1 && (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <Typography component="label" htmlFor={sizeId} variant="body2" color="text.secondary">
            Rows per page
          </Typography>
          <Box
            component="select"
            id={sizeId}
            value={size}
            onChange={(event) => onSize(Number((event.target as HTMLSelectElement).value))}
            sx={{
              font: 'inherit',
              fontSize: '0.875rem',
              color: 'text.primary',
              bgcolor: 'background.paper',
              border: 1,
              borderColor: 'divider',
              borderRadius: 1,
              px: 0.75,
              py: 0.25,
              cursor: 'pointer',
              '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: 1 },
            }}
          >
            {pageSizes.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </Box>
        </Box>
      )}
      <Typography variant="body2" sx={{ fontVariantNumeric: 'tabular-nums', minWidth: 110, textAlign: 'center' }}>
        {total === undefined ? '' : `${from.toLocaleString()}–${to.toLocaleString()} of ${total.toLocaleString()}`}
      </Typography>
      <Box sx={{ display: 'flex' }}>
        <IconButton size="small" aria-label="Go to first page" disabled={page <= 1} onClick={() => onPage(1)}>
          <FirstPageRoundedIcon fontSize="small" />
        </IconButton>
        <IconButton size="small" aria-label="Go to previous page" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          <NavigateBeforeRoundedIcon fontSize="small" />
        </IconButton>
        <IconButton size="small" aria-label="Go to next page" disabled={page >= lastPage} onClick={() => onPage(page + 1)}>
          <NavigateNextRoundedIcon fontSize="small" />
        </IconButton>
        <IconButton size="small" aria-label="Go to last page" disabled={page >= lastPage || total === undefined} onClick={() => onPage(lastPage)}>
          <LastPageRoundedIcon fontSize="small" />
        </IconButton>
      </Box>
    </Box>
  );
}
