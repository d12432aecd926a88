import { AppBar, Box, IconButton, Toolbar } from '@mui/material';
import MenuIcon from '@mui/icons-material/Menu';
import { GlobalSearchBox } from './GlobalSearchBox.js';
import { ThemeToggle } from './ThemeToggle.js';

export interface TopBarProps {
  /** Shown on narrow screens, where the sidebar is a drawer. */
  onOpenNavigation?: () => void;
}

export function TopBar({ onOpenNavigation }: TopBarProps) {
  return (
    <AppBar
      position="sticky"
      sx={{
        borderBottom: 1,
        borderColor: 'divider',
        bgcolor: 'background.default',
        backdropFilter: 'saturate(180%) blur(8px)',
      }}
    >
      <Toolbar sx={{ gap: 1.5, px: { xs: 2, md: 4 } }}>
        {onOpenNavigation && (
          <IconButton edge="start" aria-label="Open navigation" onClick={onOpenNavigation}>
            <MenuIcon />
          </IconButton>
        )}
        <GlobalSearchBox />
        <Box sx={{ flexGrow: 1 }} />
        <ThemeToggle />
      </Toolbar>
    </AppBar>
  );
}
