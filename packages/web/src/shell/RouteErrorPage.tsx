import { Box, CircularProgress } from '@mui/material';
import { useRouter, type ErrorComponentProps } from '@tanstack/react-router';
import { toError } from '@portico/model';
import { ErrorPanel } from '../components/ErrorPanel.js';

/** A page that failed to load or render; the shell around it keeps working. */
export function RouteErrorPage({ error, reset }: ErrorComponentProps) {
  const router = useRouter();
  return (
    <ErrorPanel
      error={toError(error)}
      title="This page could not be shown"
      onRetry={() => {
        reset();
        void router.invalidate();
      }}
    />
  );
}

export function PagePending() {
  return (
    <Box sx={{ display: 'flex', justifyContent: 'center', py: 10 }}>
      <CircularProgress aria-label="Loading page" />
    </Box>
  );
}
