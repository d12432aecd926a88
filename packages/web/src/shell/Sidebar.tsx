import { Box, List, ListItem, ListItemButton, ListItemIcon, ListItemText, Typography } from '@mui/material';
import HomeOutlinedIcon from '@mui/icons-material/HomeOutlined';
import ExtensionOutlinedIcon from '@mui/icons-material/ExtensionOutlined';
import { Link, useRouterState } from '@tanstack/react-router';
import { lazy, Suspense } from 'react';
import { useAppRuntime, useSidebarItems } from '../app/portico-context.js';
import type { NavItem } from '../plugin/extensions.js';
import { isActivePath } from './is-active-path.js';

export const SIDEBAR_WIDTH = 248;

const homeItem: NavItem = { label: 'Home', to: '/', icon: HomeOutlinedIcon };

export interface SidebarProps {
  /** Wide screens show the sidebar beside the page; narrow ones open it as a drawer. */
  variant: 'permanent' | 'drawer';
  open: boolean;
  onClose: () => void;
}

/** Narrow screens only: loaded on first open, so wide screens never download MUI's modal code. */
const SidebarDrawer = lazy(() => import('./SidebarDrawer.js'));

export function Sidebar({ variant, open, onClose }: SidebarProps) {
  if (variant === 'drawer') {
    return open ? (
      <Suspense fallback={null}>
        <SidebarDrawer open={open} onClose={onClose} />
      </Suspense>
    ) : null;
  }
  return (
    <Box
      sx={{
        width: SIDEBAR_WIDTH,
        flexShrink: 0,
        position: 'sticky',
        top: 0,
        height: '100vh',
        borderRight: 1,
        borderColor: 'divider',
        bgcolor: 'background.paper',
      }}
    >
      <SidebarContent />
    </Box>
  );
}

export function SidebarContent({ onNavigate }: { onNavigate?: () => void }) {
  const { main, bottom } = useSidebarItems();
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const renderItems = (items: readonly NavItem[]) => (
    <List disablePadding>
      {items.map((item) => (
        <SidebarLink key={item.to} item={item} active={isActivePath(item.to, pathname)} onNavigate={onNavigate} />
      ))}
    </List>
  );
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%' }}>
      <Brand />
      <Box
        component="nav"
        aria-label="Main"
        sx={{ display: 'flex', flexDirection: 'column', flexGrow: 1, px: 1.5, pb: 2, overflowY: 'auto' }}
      >
        {renderItems([homeItem, ...main])}
        <Box sx={{ flexGrow: 1 }} />
        {bottom.length > 0 && renderItems(bottom)}
      </Box>
    </Box>
  );
}

function Brand() {
  const { app } = useAppRuntime();
  return (
    <Box
      component={Link}
      to="/"
      aria-label={`${app.title} home`}
      sx={{
        display: 'flex',
        alignItems: 'center',
        gap: 1.25,
        px: 2.5,
        height: 64,
        flexShrink: 0,
        color: 'text.primary',
        textDecoration: 'none',
      }}
    >
      {app.logoUrl ? (
        <Box component="img" src={app.logoUrl} alt="" sx={{ width: 30, height: 30, objectFit: 'contain' }} />
      ) : (
        <Box
          aria-hidden
          sx={{
            width: 30,
            height: 30,
            borderRadius: '8px',
            display: 'grid',
            placeItems: 'center',
            bgcolor: 'primary.main',
            color: 'primary.contrastText',
            fontWeight: 700,
            fontSize: 16,
          }}
        >
          {app.title.trim().charAt(0).toUpperCase() || 'P'}
        </Box>
      )}
      <Typography variant="h6" component="span" noWrap sx={{ fontWeight: 700, letterSpacing: '-0.01em' }}>
        {app.title}
      </Typography>
    </Box>
  );
}

function SidebarLink({ item, active, onNavigate }: { item: NavItem; active: boolean; onNavigate: (() => void) | undefined }) {
  const Icon = item.icon ?? ExtensionOutlinedIcon;
  return (
    <ListItem disablePadding sx={{ mb: 0.25 }}>
      <ListItemButton
        href={item.to}
        selected={active}
        aria-current={active ? 'page' : undefined}
        onClick={onNavigate}
        sx={{
          py: 0.75,
          color: 'text.secondary',
          '&.Mui-selected': { color: 'primary.main' },
          '&.Mui-selected .MuiListItemIcon-root': { color: 'primary.main' },
        }}
      >
        <ListItemIcon sx={{ minWidth: 36, color: 'inherit' }}>
          <Icon fontSize="small" />
        </ListItemIcon>
        <ListItemText
          primary={item.label}
          slotProps={{ primary: { variant: 'body2', sx: { fontWeight: active ? 650 : 500, color: active ? 'primary.main' : 'text.primary' } } }}
        />
      </ListItemButton>
    </ListItem>
  );
}
