import { CssBaseline } from '@mui/material';
import { ThemeProvider, type Theme } from '@mui/material/styles';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import type { PorticoRouter } from '../routing/create-app-router.js';
import { THEME_MODE_STORAGE_KEY } from '../theme/create-portico-theme.js';
import { PorticoProvider, type PorticoState } from './portico-context.js';

export interface PorticoAppProps {
  state: PorticoState;
  router: PorticoRouter;
  queryClient: QueryClient;
  theme: Theme;
}

export function PorticoApp({ state, router, queryClient, theme }: PorticoAppProps) {
  return (
    <ThemeProvider theme={theme} defaultMode="system" modeStorageKey={THEME_MODE_STORAGE_KEY} disableTransitionOnChange>
      <CssBaseline enableColorScheme />
      <QueryClientProvider client={queryClient}>
        <PorticoProvider state={state}>
          <RouterProvider router={router} />
        </PorticoProvider>
      </QueryClientProvider>
    </ThemeProvider>
  );
}
