import { Box, Button, Typography } from '@mui/material';
import { useRouterState } from '@tanstack/react-router';

export function NotFoundPage() {
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  return (
    <Box sx={{ textAlign: 'center', py: { xs: 8, md: 12 } }}>
      <Typography variant="overline" color="primary" sx={{ fontWeight: 700, letterSpacing: '0.12em' }}>
        404
      </Typography>
      <Typography variant="h1" sx={{ mt: 1 }}>
        Page not found
      </Typography>
      <Typography color="text.secondary" sx={{ mt: 1.5 }}>
        Nothing lives at <Box component="code" sx={{ fontSize: '0.95em' }}>{pathname}</Box>. The link may be old, or
        the plugin that served it is not installed.
      </Typography>
      <Button variant="contained" href="/" sx={{ mt: 4 }}>
        Back to home
      </Button>
    </Box>
  );
}
