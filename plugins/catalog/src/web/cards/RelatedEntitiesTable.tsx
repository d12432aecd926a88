import { Box, Chip, Link, Skeleton, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { parseEntityRef, type Entity } from '@portico/model';
import { ErrorPanel } from '@portico/web';
import { useQuery } from '@tanstack/react-query';
import { TABLE_FIELDS } from '../catalog/catalog-query.js';
import { LifecycleChip } from '../components/EntityChips.js';
import { EntityRefLink } from '../components/EntityRefLink.js';
import { KindIcon } from '../components/KindIcon.js';
import { entityPath } from '../entity-routes.js';
import { entityDisplayName, specText } from '../entity-text.js';
import { entitiesByRefsQuery } from '../queries.js';

export interface RelatedEntitiesTableProps {
  /** Lower-cased refs, as relations hold them. */
  refs: readonly string[];
  /** Names the table, e.g. "Provided APIs". */
  label: string;
  /** Shows each entity's kind (for lists that mix kinds). */
  showKind?: boolean;
}

/** A compact table of related entities: name, type, owner, lifecycle and description. */
export function RelatedEntitiesTable({ refs, label, showKind = false }: RelatedEntitiesTableProps) {
  const entities = useQuery(entitiesByRefsQuery([...refs], TABLE_FIELDS));
  if (entities.isError) return <Box sx={{ p: 2 }}><ErrorPanel error={entities.error} onRetry={() => void entities.refetch()} /></Box>;
  return (
    <Table size="small" aria-label={label} sx={{ tableLayout: 'fixed', '& td, & th': { px: 2, overflowWrap: 'break-word' } }}>
      <TableHead>
        <TableRow>
          <TableCell sx={{ fontWeight: 600, width: showKind ? '40%' : '50%' }}>Name</TableCell>
          {showKind && <TableCell sx={{ fontWeight: 600, width: '17%' }}>Kind</TableCell>}
          <TableCell sx={{ fontWeight: 600, width: showKind ? '25%' : '30%' }}>Owner</TableCell>
          <TableCell sx={{ fontWeight: 600 }}>Type</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {refs.map((ref, index) => {
          if (entities.isPending) {
            return (
              <TableRow key={ref}>
                <TableCell colSpan={showKind ? 4 : 3}>
                  <Skeleton width="60%" />
                </TableCell>
              </TableRow>
            );
          }
          const entity = entities.data[index] ?? null;
          return entity === null ? <MissingRow key={ref} entityRef={ref} showKind={showKind} /> : <EntityRow key={ref} entity={entity} showKind={showKind} />;
        })}
      </TableBody>
    </Table>
  );
}

function EntityRow({ entity, showKind }: { entity: Entity; showKind: boolean }) {
  const owner = specText(entity, 'owner');
  const lifecycle = specText(entity, 'lifecycle');
  return (
    <TableRow hover sx={{ '&:last-child td': { borderBottom: 0 } }}>
      <TableCell>
        <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1 }}>
          <KindIcon kind={entity.kind} fontSize="small" sx={{ color: 'text.secondary', mt: 0.25 }} />
          <Box sx={{ minWidth: 0 }}>
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
              <Link href={entityPath(entity)} underline="hover" sx={{ fontWeight: 600 }}>
                {entityDisplayName(entity)}
              </Link>
              {lifecycle !== undefined && lifecycle !== 'production' && <LifecycleChip lifecycle={lifecycle} />}
            </Box>
            {entity.metadata.description && (
              <Typography variant="caption" color="text.secondary" title={entity.metadata.description} sx={{ display: '-webkit-box', WebkitLineClamp: 1, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}>
                {entity.metadata.description}
              </Typography>
            )}
          </Box>
        </Box>
      </TableCell>
      {showKind && <TableCell>{entity.kind}</TableCell>}
      <TableCell>
        {owner === undefined ? null : <EntityRefLink entityRef={owner} defaultKind="Group" defaultNamespace={entity.metadata.namespace ?? 'default'} />}
      </TableCell>
      <TableCell>{specText(entity, 'type') ?? ''}</TableCell>
    </TableRow>
  );
}

/** A relation whose target is not in the catalog: shown, so the broken ref can be fixed. */
function MissingRow({ entityRef, showKind }: { entityRef: string; showKind: boolean }) {
  const parsed = parseEntityRef(entityRef);
  return (
    <TableRow sx={{ '&:last-child td': { borderBottom: 0 } }}>
      <TableCell colSpan={showKind ? 4 : 3}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <KindIcon kind={parsed.kind} fontSize="small" sx={{ color: 'text.disabled' }} />
          <Typography variant="body2" component="span" sx={{ fontFamily: 'monospace' }}>
            {entityRef}
          </Typography>
          <Chip size="small" color="warning" variant="outlined" label="not in the catalog" />
        </Box>
      </TableCell>
    </TableRow>
  );
}
