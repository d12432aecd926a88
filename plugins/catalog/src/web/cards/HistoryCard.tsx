import { Box, Button, Chip, Skeleton, Typography } from '@mui/material';
import { getCompoundEntityRef, type Entity } from '@portico/model';
import { ErrorPanel, ResponseError } from '@portico/web';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { EntityHistoryItem } from '../../common/contracts.js';
import { EmptyCardText, InfoCard } from '../components/InfoCard.js';
import { relativeTime } from '../entity-text.js';
import { entityHistoryQuery } from '../queries.js';
import { changeLines, describeSource, relationChanges } from './history-diff.js';

const PAGE = 10;
const LINES_SHOWN = 6;

/** What changed in the entity, when, and which location brought the change. */
export function HistoryCard({ entity }: { entity: Entity }) {
  const [limit, setLimit] = useState(PAGE);
  const history = useQuery(entityHistoryQuery(getCompoundEntityRef(entity), { limit, offset: 0 }));
  const total = history.data?.totalItems;
  return (
    <InfoCard title="History" subheader={total === undefined ? undefined : `${total} ${total === 1 ? 'change' : 'changes'}`}>
      {history.isPending && <Skeleton variant="rounded" height={64} />}
      {history.isError &&
        (history.error instanceof ResponseError && history.error.statusCode === 404 ? (
          <EmptyCardText>No changes recorded yet.</EmptyCardText>
        ) : (
          <ErrorPanel error={history.error} onRetry={() => void history.refetch()} />
        ))}
      {history.data && (
        <Box component="ol" aria-label="Changes" sx={{ listStyle: 'none', m: 0, p: 0 }}>
          {history.data.items.map((item, index) => (
            <HistoryEntry key={item.id} item={item} last={index === history.data.items.length - 1} />
          ))}
        </Box>
      )}
      {history.data && history.data.items.length < history.data.totalItems && (
        <Button size="small" onClick={() => setLimit((current) => current + PAGE)} disabled={history.isFetching} sx={{ mt: 1 }}>
          Show older changes
        </Button>
      )}
    </InfoCard>
  );
}

const CHANGE_COLORS = { added: 'success', changed: 'info', removed: 'error' } as const;
const CHANGE_LABELS = { added: 'Added', changed: 'Changed', removed: 'Removed' } as const;

function HistoryEntry({ item, last }: { item: EntityHistoryItem; last: boolean }) {
  const [expanded, setExpanded] = useState(false);
  const source = describeSource(item.source);
  const lines = item.change === 'changed' ? changeLines(item.diff) : [];
  const relations = item.change === 'changed' ? relationChanges(item.diff) : { added: 0, removed: 0 };
  const shown = expanded ? lines : lines.slice(0, LINES_SHOWN);
  return (
    <Box component="li" sx={{ display: 'flex', gap: 2, pb: last ? 0 : 2 }}>
      <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'center', pt: 0.75 }}>
        <Box sx={{ width: 10, height: 10, borderRadius: '50%', bgcolor: `${CHANGE_COLORS[item.change]}.main`, flexShrink: 0 }} />
        {!last && <Box sx={{ width: 2, flexGrow: 1, bgcolor: 'divider', mt: 0.5 }} />}
      </Box>
      <Box sx={{ minWidth: 0, flexGrow: 1 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
          <Chip size="small" label={CHANGE_LABELS[item.change]} color={CHANGE_COLORS[item.change]} variant="outlined" sx={{ height: 22 }} />
          <Typography variant="body2" component="time" dateTime={item.changedAt} title={new Date(item.changedAt).toLocaleString()} sx={{ fontWeight: 600 }}>
            {relativeTime(item.changedAt)}
          </Typography>
          {source && (
            <Typography variant="caption" color="text.secondary" sx={{ minWidth: 0, overflowWrap: 'anywhere' }}>
              from {source.label} <Box component="span" sx={{ fontFamily: 'monospace' }}>{source.target}</Box>
            </Typography>
          )}
        </Box>
        {item.change === 'added' && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
            First read into the catalog.
          </Typography>
        )}
        {item.change === 'removed' && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
            Removed from the catalog.
          </Typography>
        )}
        {lines.length > 0 && (
          <Box component="ul" sx={{ m: 0, mt: 0.75, pl: 0, listStyle: 'none', fontSize: '0.8125rem' }}>
            {shown.map((line, index) => (
              <Box component="li" key={`${line.path}-${index}`} sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere', py: 0.25 }}>
                <Box component="span" sx={{ color: 'text.secondary' }}>
                  {line.path}
                </Box>
                {line.kind === 'added' && <>: <Box component="ins" sx={{ color: 'success.main', textDecoration: 'none' }}>+ {line.to}</Box></>}
                {line.kind === 'removed' && <>: <Box component="del" sx={{ color: 'error.main' }}>{line.from ?? 'removed'}</Box></>}
                {line.kind === 'changed' && (
                  <>
                    : <Box component="del" sx={{ color: 'error.main' }}>{line.from}</Box> → <Box component="ins" sx={{ color: 'success.main', textDecoration: 'none' }}>{line.to}</Box>
                  </>
                )}
              </Box>
            ))}
          </Box>
        )}
        {lines.length > LINES_SHOWN && (
          <Button size="small" onClick={() => setExpanded((value) => !value)} sx={{ mt: 0.5, px: 0.5, minWidth: 0 }}>
            {expanded ? 'Show fewer' : `Show all ${lines.length} fields`}
          </Button>
        )}
        {(relations.added > 0 || relations.removed > 0) && (
          <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 0.5 }}>
            Relations: {relations.added > 0 ? `${relations.added} added` : ''}
            {relations.added > 0 && relations.removed > 0 ? ', ' : ''}
            {relations.removed > 0 ? `${relations.removed} removed` : ''}
          </Typography>
        )}
      </Box>
    </Box>
  );
}
