import { Box, Button, Link, List, ListItem, Skeleton, Typography } from '@mui/material';
import { ErrorPanel } from '@portico/web';
import { useQuery } from '@tanstack/react-query';
import { KindIcon } from '../components/KindIcon.js';
import { StarButton } from '../components/StarButton.js';
import { entityPath } from '../entity-routes.js';
import { entityDisplayName, humanizeRef } from '../entity-text.js';
import { entitiesByRefsQuery } from '../queries.js';
import { useStarredEntities } from '../stars.js';

const SHOWN = 10;
const FIELDS = ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title', 'metadata.description', 'spec.profile'];

/** The home page's list of the entities starred in this browser, newest star first. */
export default function StarredWidget() {
  const { refs } = useStarredEntities();
  const shown = [...refs].reverse().slice(0, SHOWN);
  const entities = useQuery({ ...entitiesByRefsQuery(shown, FIELDS), enabled: shown.length > 0 });
  if (shown.length === 0) {
    return (
      <Box>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
          Star the services, APIs and teams you visit often; they show up here.
        </Typography>
        <Button variant="outlined" size="small" href="/catalog">
          Browse the catalog
        </Button>
      </Box>
    );
  }
  if (entities.isError) return <ErrorPanel error={entities.error} onRetry={() => void entities.refetch()} />;
  return (
    <List dense disablePadding aria-label="Starred entities">
      {shown.map((ref, index) => {
        const entity = entities.data?.[index];
        return (
          <ListItem key={ref} disableGutters secondaryAction={entity ? <StarButton entityRef={ref} label={entityDisplayName(entity)} /> : undefined}>
            {entities.isPending ? (
              <Skeleton width="70%" />
            ) : entity ? (
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 }}>
                <KindIcon kind={entity.kind} fontSize="small" sx={{ color: 'text.secondary' }} />
                <Link href={entityPath(entity)} underline="hover" noWrap sx={{ fontWeight: 600 }}>
                  {entityDisplayName(entity)}
                </Link>
                <Typography variant="caption" color="text.secondary" noWrap>
                  {entity.kind}
                </Typography>
              </Box>
            ) : (
              <Typography variant="body2" color="text.secondary">
                {humanizeRef(ref)} is no longer in the catalog
              </Typography>
            )}
          </ListItem>
        );
      })}
    </List>
  );
}
