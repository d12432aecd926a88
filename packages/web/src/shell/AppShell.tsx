import { Box, useMediaQuery, type Theme } from '@mui/material';
import { Outlet } from '@tanstack/react-router';
import { useState } from 'react';
import { DocumentTitle } from './DocumentTitle.js';
import { ShellNotices } from './ShellNotices.js';
import { Sidebar } from './Sidebar.js';
import { TopBar } from './TopBar.js';

/** The frame around every page: sidebar, top bar, notices, and the page in `<main>`. */
export function AppShell() {
  const wide = useMediaQuery((theme: Theme) => theme.breakpoints.up('md'), { noSsr: true });
  const [drawerOpen, setDrawerOpen] = useState(false);
  return (
    <Box sx={{ display: 'flex', minHeight: '100vh' }}>
      <Box
        component="a"
        href="#main-content"
        sx={{
          position: 'absolute',
          left: 8,
          top: -48,
          zIndex: 'tooltip',
          px: 2,
          py: 1,
          borderRadius: 1,
          bgcolor: 'primary.main',
          color: 'primary.contrastText',
          '&:focus': { top: 8 },
        }}
      >
        Skip to content
      </Box>
      <Sidebar variant={wide ? 'permanent' : 'drawer'} open={drawerOpen} onClose={() => setDrawerOpen(false)} />
      <Box sx={{ display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0 }}>
        <TopBar onOpenNavigation={wide ? undefined : () => setDrawerOpen(true)} />
        <Box
          component="main"
          id="main-content"
          tabIndex={-1}
          sx={{ flexGrow: 1, width: '100%', maxWidth: 1400, mx: 'auto', px: { xs: 2, md: 4 }, py: { xs: 3, md: 4 }, outline: 'none' }}
        >
          <ShellNotices />
          <Outlet />
        </Box>
      </Box>
      <DocumentTitle />
    </Box>
  );
}
