import { Box, Chip, Link, Typography } from '@mui/material';
import type { SearchResultProps } from '@portico/web';
import { KindIcon } from '../components/KindIcon.js';
import { LifecycleChip } from '../components/EntityChips.js';
import { humanizeRef } from '../entity-text.js';
import { highlightPieces } from './highlight.js';

function field(document: Record<string, unknown>, name: string): string | undefined {
  const value = document[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function Highlighted({ value, highlighted, preTag, postTag }: { value: string; highlighted: string | undefined; preTag: string; postTag: string }) {
  if (highlighted === undefined) return <>{value}</>;
  return (
    <>
      {highlightPieces(highlighted, preTag, postTag).map((piece, index) =>
        piece.marked ? (
          <Box component="mark" key={index} sx={{ bgcolor: 'warning.light', color: 'inherit', borderRadius: 0.5, px: 0.25 }}>
            {piece.text}
          </Box>
        ) : (
          <span key={index}>{piece.text}</span>
        ),
      )}
    </>
  );
}

/** A `software-catalog` search hit: kind, title, owner, lifecycle and the matching text. */
export default function CatalogSearchResult({ result }: SearchResultProps) {
  const document = result.document as Record<string, unknown> & typeof result.document;
  const kind = field(document, 'kind') ?? 'Entity';
  const owner = field(document, 'owner');
  const lifecycle = field(document, 'lifecycle');
  const type = field(document, 'type');
  const tags = Array.isArray(document.tags) ? document.tags.filter((tag): tag is string => typeof tag === 'string') : [];
  const highlight = result.highlight;
  return (
    <Box sx={{ display: 'flex', gap: 1.5, py: 1 }}>
      <KindIcon kind={kind} sx={{ color: 'text.secondary', mt: 0.25 }} />
      <Box sx={{ minWidth: 0 }}>
        <Link href={document.location} underline="hover" sx={{ fontWeight: 600, fontSize: '1rem' }}>
          <Highlighted value={document.title} highlighted={highlight?.fields.title} preTag={highlight?.preTag ?? ''} postTag={highlight?.postTag ?? ''} />
        </Link>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mt: 0.25 }}>
          <Typography variant="caption" color="text.secondary">
            {kind}
            {type ? ` · ${type}` : ''}
            {owner ? ` · owned by ${humanizeRef(owner, 'Group')}` : ''}
          </Typography>
          {lifecycle && <LifecycleChip lifecycle={lifecycle} />}
          {tags.slice(0, 4).map((tag) => (
            <Chip key={tag} label={tag} size="small" variant="outlined" sx={{ height: 20 }} />
          ))}
        </Box>
        {document.text && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5, display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden' }}>
            <Highlighted value={document.text} highlighted={highlight?.fields.text} preTag={highlight?.preTag ?? ''} postTag={highlight?.postTag ?? ''} />
          </Typography>
        )}
      </Box>
    </Box>
  );
}
