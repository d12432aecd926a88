import { createTheme, type Theme } from '@mui/material/styles';
import { RouterLink } from './RouterLink.js';

export const DEFAULT_PRIMARY_COLOR = '#4f46e5';
/** Where the chosen light/dark mode is remembered; absent means "follow the system". */
export const THEME_MODE_STORAGE_KEY = 'portico.theme-mode';

const fontFamily = [
  'Inter',
  'system-ui',
  '-apple-system',
  '"Segoe UI"',
  'Roboto',
  '"Helvetica Neue"',
  'Arial',
  'sans-serif',
].join(',');

/**
 * The portal's theme: light and dark schemes as CSS variables, so switching mode repaints
 * without re-rendering React. A branding colour MUI cannot parse (e.g. a CSS colour name) falls
 * back to the default rather than stopping the app.
 */
export function createPorticoTheme(primaryColor: string | undefined): Theme {
  if (primaryColor !== undefined) {
    try {
      return buildTheme(primaryColor);
    } catch (error) {
      console.warn(`Portico: the primary colour '${primaryColor}' is not usable; use a hex, rgb() or hsl() value`, error);
    }
  }
  return buildTheme(undefined);
}

function buildTheme(primaryColor: string | undefined): Theme {
  return createTheme({
    cssVariables: { colorSchemeSelector: 'data', cssVarPrefix: 'portico' },
    colorSchemes: {
      light: {
        palette: {
          primary: { main: primaryColor ?? DEFAULT_PRIMARY_COLOR },
          background: { default: '#f6f7fb', paper: '#ffffff' },
          text: { primary: '#111827', secondary: '#4b5563' },
          divider: 'rgba(17, 24, 39, 0.09)',
        },
      },
      dark: {
        palette: {
          primary: { main: primaryColor ?? '#8b8cf8' },
          background: { default: '#0d1017', paper: '#151a23' },
          text: { primary: '#e5e7eb', secondary: '#9ca3af' },
          divider: 'rgba(148, 163, 184, 0.16)',
        },
      },
    },
    shape: { borderRadius: 10 },
    typography: {
      fontFamily,
      h1: { fontWeight: 700, fontSize: '2rem', letterSpacing: '-0.02em', '@media (max-width:600px)': { fontSize: '1.6rem' } },
      h2: { fontWeight: 700, fontSize: '1.6rem', letterSpacing: '-0.015em' },
      h3: { fontWeight: 650, fontSize: '1.3rem' },
      h4: { fontWeight: 650, fontSize: '1.15rem' },
      h5: { fontWeight: 600, fontSize: '1.05rem' },
      h6: { fontWeight: 600, fontSize: '1rem' },
      button: { textTransform: 'none', fontWeight: 600 },
    },
    components: {
      MuiButtonBase: { defaultProps: { LinkComponent: RouterLink } },
      MuiLink: { defaultProps: { component: RouterLink } },
      MuiButton: { defaultProps: { disableElevation: true } },
      MuiCard: { defaultProps: { variant: 'outlined' } },
      MuiPaper: { styleOverrides: { root: { backgroundImage: 'none' } } },
      MuiAppBar: { defaultProps: { elevation: 0, color: 'inherit' } },
      MuiListItemButton: {
        styleOverrides: { root: ({ theme }) => ({ borderRadius: theme.shape.borderRadius }) },
      },
    },
  });
}
