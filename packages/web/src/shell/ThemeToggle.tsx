import { IconButton } from '@mui/material';
import { useColorScheme } from '@mui/material/styles';
import DarkModeOutlinedIcon from '@mui/icons-material/DarkModeOutlined';
import LightModeOutlinedIcon from '@mui/icons-material/LightModeOutlined';

/**
 * Flips between light and dark. Until the user picks one the portal follows the system setting;
 * the pick is remembered in localStorage by the theme provider.
 */
export function ThemeToggle() {
  const { mode, systemMode, setMode } = useColorScheme();
  const current = (mode === 'system' ? systemMode : mode) ?? 'light';
  const next = current === 'dark' ? 'light' : 'dark';
  const label = `Switch to ${next} theme`;
  // A native title rather than MUI's Tooltip: the tooltip's positioning engine would be the
  // single biggest part of the shell's first load.
  return (
    <IconButton aria-label={label} title={label} onClick={() => setMode(next)} sx={{ color: 'text.secondary' }}>
      {current === 'dark' ? <LightModeOutlinedIcon fontSize="small" /> : <DarkModeOutlinedIcon fontSize="small" />}
    </IconButton>
  );
}
