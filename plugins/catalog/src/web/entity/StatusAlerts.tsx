import { Alert, AlertTitle, Stack } from '@mui/material';
import type { Entity } from '@portico/model';

const ORPHAN_ANNOTATION = 'backstage.io/orphan';

/**
 * Processing problems and the orphan mark, in plain words at the top of the page: a user who
 * sees stale data should learn why before anything else.
 */
export function StatusAlerts({ entity }: { entity: Entity }) {
  const items = entity.status?.items ?? [];
  const orphan = entity.metadata.annotations?.[ORPHAN_ANNOTATION] === 'true';
  if (items.length === 0 && !orphan) return null;
  return (
    <Stack spacing={1.5} sx={{ mb: 3 }}>
      {orphan && (
        <Alert severity="warning" variant="outlined">
          <AlertTitle>This entity is an orphan</AlertTitle>
          The location that registered it no longer contains it, so it will not be updated again. Remove it with “Unregister
          entity” in the actions menu, or add it back to a catalog file.
        </Alert>
      )}
      {items.map((item, index) => (
        <Alert key={`${item.type}-${index}`} severity={item.level === 'info' ? 'info' : item.level === 'warning' ? 'warning' : 'error'} variant="outlined">
          <AlertTitle>{item.level === 'error' ? 'Processing error' : item.level === 'warning' ? 'Processing warning' : 'Note'}</AlertTitle>
          {item.error?.message ?? item.message}
        </Alert>
      ))}
    </Stack>
  );
}
