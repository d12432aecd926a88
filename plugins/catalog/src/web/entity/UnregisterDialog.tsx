import {
  Alert,
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Link,
  List,
  ListItem,
  Skeleton,
  Typography,
} from '@mui/material';
import { getCompoundEntityRef, type Entity } from '@portico/model';
import { ResponseError } from '@portico/web';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import type { CatalogLocation } from '../../common/contracts.js';
import { catalogClient } from '../api.js';
import { entityPath } from '../entity-routes.js';
import { entityDisplayName } from '../entity-text.js';
import { catalogKeys, entitiesQuery, entityLocationQuery } from '../queries.js';

const ORIGIN_ANNOTATION = 'metadata.annotations.backstage.io/managed-by-origin-location';
const LISTED = 8;

export interface UnregisterDialogProps {
  entity: Entity;
  open: boolean;
  onClose: () => void;
}

/**
 * Unregistering removes the registered location the entity came in through, and with it every
 * entity that location brought. The dialog says exactly which before anything happens. An entity
 * with no registered location (an orphan, or one from a provider) can be deleted on its own.
 */
export function UnregisterDialog({ entity, open, onClose }: UnregisterDialogProps) {
  const ref = getCompoundEntityRef(entity);
  const location = useQuery({ ...entityLocationQuery(ref), enabled: open, retry: false });
  const [deleteOnly, setDeleteOnly] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const done = async () => {
    await queryClient.invalidateQueries({ queryKey: catalogKeys.all });
    onClose();
    void navigate({ to: '/catalog', search: { kind: entity.kind.toLocaleLowerCase('en-US') } });
  };
  const removeLocation = useMutation({ mutationFn: (id: string) => catalogClient.removeLocation(id), onSuccess: done });
  const removeEntity = useMutation({ mutationFn: (uid: string) => catalogClient.removeEntityByUid(uid), onSuccess: done });
  const noLocation = location.error instanceof ResponseError && location.error.statusCode === 404;
  const busy = removeLocation.isPending || removeEntity.isPending;
  const failure = removeLocation.error ?? removeEntity.error;
  const name = entityDisplayName(entity);

  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="unregister-title">
      <DialogTitle id="unregister-title">Unregister {name}?</DialogTitle>
      <DialogContent>
        {location.isPending && <Skeleton variant="rounded" height={80} />}
        {location.isError && !noLocation && <Alert severity="error">The entity’s location could not be read: {location.error.message}</Alert>}
        {location.data && !deleteOnly && <LocationSummary location={location.data} />}
        {(noLocation || deleteOnly) && (
          <DialogContentText component="div">
            {noLocation ? (
              <Typography sx={{ mb: 1 }}>
                {name} did not come from a registered location: it is an orphan, or a provider or configured location brought
                it in.
              </Typography>
            ) : null}
            <Typography>
              Deleting removes only this entity. If a location or provider still lists it, it comes back at the next refresh.
            </Typography>
          </DialogContentText>
        )}
        {failure && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {failure.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2, gap: 1 }}>
        {location.data && !deleteOnly && entity.metadata.uid && (
          <Button color="inherit" size="small" onClick={() => setDeleteOnly(true)} disabled={busy} sx={{ mr: 'auto' }}>
            Delete only this entity…
          </Button>
        )}
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        {location.data && !deleteOnly ? (
          <Button
            variant="contained"
            color="error"
            // The server refuses locations it does not own (configured ones); asking again will not help.
            disabled={busy || (removeLocation.error instanceof ResponseError && removeLocation.error.statusCode === 403)}
            onClick={() => removeLocation.mutate(location.data.id)}
            startIcon={busy ? <CircularProgress size={16} color="inherit" /> : undefined}
          >
            Unregister location
          </Button>
        ) : (noLocation || deleteOnly) && entity.metadata.uid ? (
          <Button
            variant="contained"
            color="error"
            disabled={busy}
            onClick={() => removeEntity.mutate(entity.metadata.uid!)}
            startIcon={busy ? <CircularProgress size={16} color="inherit" /> : undefined}
          >
            Delete entity
          </Button>
        ) : null}
      </DialogActions>
    </Dialog>
  );
}

function LocationSummary({ location }: { location: CatalogLocation }) {
  const origin = `${location.type}:${location.target}`;
  const brought = useQuery(
    entitiesQuery({
      query: { [ORIGIN_ANNOTATION]: origin },
      orderBy: [{ field: 'kind', order: 'asc' }, { field: 'metadata.name', order: 'asc' }],
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'spec.profile'],
      limit: LISTED,
      totalItems: 'include',
    }),
  );
  const total = brought.data?.totalItems;
  return (
    <>
      <DialogContentText component="div">
        This removes the location
        <Box component="code" sx={{ display: 'block', my: 1, p: 1, borderRadius: 1, bgcolor: 'action.hover', fontSize: '0.8125rem', overflowWrap: 'anywhere' }}>
          {origin}
        </Box>
        and {total === undefined ? 'the entities' : total === 1 ? 'the one entity' : `all ${total} entities`} it brought into the catalog:
      </DialogContentText>
      {brought.isPending && <Skeleton height={60} />}
      {brought.data && (
        <List dense aria-label="Entities that will be removed" sx={{ maxHeight: 260, overflow: 'auto' }}>
          {brought.data.items.map((item) => (
            <ListItem key={`${item.kind}:${item.metadata.namespace}/${item.metadata.name}`} disableGutters sx={{ py: 0.25 }}>
              <Typography variant="body2" color="text.secondary" sx={{ width: 90, flexShrink: 0 }}>
                {item.kind}
              </Typography>
              <Link href={entityPath(item)} underline="hover" variant="body2">
                {entityDisplayName(item)}
              </Link>
            </ListItem>
          ))}
          {total !== undefined && total > brought.data.items.length && (
            <ListItem disableGutters>
              <Typography variant="body2" color="text.secondary">
                and {total - brought.data.items.length} more
              </Typography>
            </ListItem>
          )}
        </List>
      )}
    </>
  );
}
