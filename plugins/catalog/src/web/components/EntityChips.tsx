import { Box, Chip } from '@mui/material';

const LIFECYCLE_COLORS: Readonly<Record<string, 'success' | 'warning' | 'error' | 'info'>> = {
  production: 'success',
  experimental: 'info',
  deprecated: 'error',
};

/** A lifecycle stage, coloured so that deprecated and experimental stand out. */
export function LifecycleChip({ lifecycle }: { lifecycle: string }) {
  const color = LIFECYCLE_COLORS[lifecycle.toLocaleLowerCase('en-US')];
  return (
    <Chip
      size="small"
      label={lifecycle}
      color={color ?? 'default'}
      variant="outlined"
      sx={{ height: 22, fontWeight: 500, '& .MuiChip-label': { px: 1 } }}
    />
  );
}

/** Tags as small chips; beyond `max`, a `+N` chip lists the rest in its title. */
export function TagChips({ tags, max = Number.POSITIVE_INFINITY }: { tags: readonly string[]; max?: number }) {
  const shown = tags.slice(0, max);
  const rest = tags.slice(shown.length);
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
      {shown.map((tag) => (
        <Chip key={tag} size="small" label={tag} sx={{ height: 22, maxWidth: '100%', '& .MuiChip-label': { px: 1 } }} />
      ))}
      {rest.length > 0 && (
        <Chip size="small" variant="outlined" label={`+${rest.length}`} title={rest.join(', ')} sx={{ height: 22, '& .MuiChip-label': { px: 1 } }} />
      )}
    </Box>
  );
}
