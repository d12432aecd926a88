import { Box, Chip, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { stringifyEntityRef, type Entity } from '@portico/model';
import type { ReactNode } from 'react';
import { KindIcon } from '../components/KindIcon.js';
import { entityDisplayName, humanizeRef, specText } from '../entity-text.js';

/** The entities a location holds, before (dry run) or after registering it. */
export function EntityList({ entities, label, renderName }: { entities: readonly Entity[]; label: string; renderName?: (entity: Entity) => ReactNode }) {
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell sx={{ fontWeight: 600 }}>Kind</TableCell>
          <TableCell sx={{ fontWeight: 600 }}>Name</TableCell>
          <TableCell sx={{ fontWeight: 600 }}>Owner</TableCell>
          <TableCell sx={{ fontWeight: 600 }}>Entity ref</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {entities.map((entity) => {
          const owner = specText(entity, 'owner');
          const problems = entity.status?.items?.filter((item) => item.level === 'error') ?? [];
          return (
            <TableRow key={stringifyEntityRef(entity)}>
              <TableCell>
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                  <KindIcon kind={entity.kind} fontSize="small" sx={{ color: 'text.secondary' }} />
                  {entity.kind}
                </Box>
              </TableCell>
              <TableCell>
                {renderName ? renderName(entity) : entityDisplayName(entity)}
                {problems.map((problem, index) => (
                  <Chip key={index} size="small" color="error" variant="outlined" label={problem.message} sx={{ ml: 1, maxWidth: 360 }} />
                ))}
              </TableCell>
              <TableCell>{owner === undefined ? '' : humanizeRef(owner, 'Group')}</TableCell>
              <TableCell>
                <Typography variant="body2" sx={{ fontFamily: 'monospace', color: 'text.secondary' }}>
                  {stringifyEntityRef(entity)}
                </Typography>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
