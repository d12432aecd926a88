import { Box, Button, Card, Skeleton, Tab, Tabs, Typography } from '@mui/material';
import { ErrorPanel, LazyExtension, ResponseError, useEntityTabs } from '@portico/web';
import { useQuery } from '@tanstack/react-query';
import { useDocumentTitle } from '../document-title.js';
import { EntityHeader } from '../entity/EntityHeader.js';
import { StatusAlerts } from '../entity/StatusAlerts.js';
import { useEntityRouteParams } from '../entity/use-entity-ref.js';
import { entityPagePath } from '../entity-routes.js';
import { entityDisplayName } from '../entity-text.js';
import { entityQuery } from '../queries.js';
import type { Entity } from '@portico/model';

/** `/catalog/:namespace/:kind/:name[/:tab]`: one entity, with the tabs plugins contribute. */
export default function EntityPage() {
  const { ref, tab } = useEntityRouteParams();
  const entity = useQuery(entityQuery(ref));
  useDocumentTitle(entity.data ? `${entityDisplayName(entity.data)} (${entity.data.kind})` : ref.name);

  if (entity.isPending) return <EntityPageSkeleton />;
  if (entity.isError) {
    if (entity.error instanceof ResponseError && entity.error.statusCode === 404) {
      return (
        <Card sx={{ p: 4, textAlign: 'center', borderStyle: 'dashed' }}>
          <Typography variant="h1" component="h1" sx={{ fontSize: '1.5rem' }}>
            No entity named {ref.kind}:{ref.namespace}/{ref.name}
          </Typography>
          <Typography color="text.secondary" sx={{ mt: 1, mb: 2 }}>
            It may have been renamed or removed from its catalog file, or the link has a typo.
          </Typography>
          <Button variant="outlined" href="/catalog">
            Back to the catalog
          </Button>
        </Card>
      );
    }
    return <ErrorPanel error={entity.error} onRetry={() => void entity.refetch()} />;
  }
  return <EntityView entity={entity.data} tab={tab} />;
}

function EntityView({ entity, tab }: { entity: Entity; tab: string | undefined }) {
  const tabs = useEntityTabs(entity);
  const current = tabs.find((item) => item.id === tab) ?? tabs[0];
  const ref = { kind: entity.kind, namespace: entity.metadata.namespace ?? 'default', name: entity.metadata.name };
  return (
    <>
      <EntityHeader entity={entity} />
      <StatusAlerts entity={entity} />
      {tabs.length > 1 && (
        <Box sx={{ borderBottom: 1, borderColor: 'divider', mb: 3 }}>
          <Tabs value={current?.id ?? false} aria-label="Entity sections" variant="scrollable" scrollButtons="auto">
            {tabs.map((item, index) => (
              <Tab
                key={item.id}
                value={item.id}
                label={item.title}
                href={index === 0 ? entityPagePath(ref) : entityPagePath(ref, item.id)}
                sx={{ minHeight: 44, px: 2, minWidth: 0 }}
              />
            ))}
          </Tabs>
        </Box>
      )}
      {current === undefined ? (
        <Typography color="text.secondary">No plugin shows anything for this entity.</Typography>
      ) : tab !== undefined && current.id !== tab ? (
        <ErrorPanel error={new Error(`This entity has no “${tab}” tab; showing ${current.title}.`)} title="Unknown tab" />
      ) : null}
      {current !== undefined && <LazyExtension key={current.id} name={`entity tab '${current.id}'`} load={current.page} props={{ entity }} />}
    </>
  );
}

function EntityPageSkeleton() {
  return (
    <Box aria-busy="true" aria-label="Loading the entity">
      <Skeleton width={160} />
      <Skeleton variant="text" sx={{ fontSize: '2.4rem', width: '40%' }} />
      <Skeleton width="30%" sx={{ mb: 3 }} />
      <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' } }}>
        <Skeleton variant="rounded" height={260} />
        <Skeleton variant="rounded" height={260} />
      </Box>
    </Box>
  );
}
