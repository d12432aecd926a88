import { Box, Card, CardContent, Typography } from '@mui/material';
import type { Entity } from '@portico/model';
import { LazyExtension, useEntityCards, type EntityCard, type ExtensionSize } from '@portico/web';

/** Columns of a 12-column grid each card size spans on a wide screen. */
const COLUMNS: Record<ExtensionSize, number> = { small: 4, medium: 6, large: 8, full: 12 };

/**
 * The Overview tab: every entity card that applies, from this plugin and others, in order. A
 * card that declares a `title` gets a titled frame here; one without draws its own.
 */
export default function OverviewTab({ entity }: { entity: Entity }) {
  const cards = useEntityCards(entity);
  return (
    <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'repeat(12, minmax(0, 1fr))' }, alignItems: 'stretch' }}>
      {cards.map((card) => (
        <Box key={card.id} sx={{ gridColumn: { md: `span ${COLUMNS[card.size ?? 'medium']}` }, minWidth: 0 }}>
          <CardSlot card={card} entity={entity} />
        </Box>
      ))}
    </Box>
  );
}

function CardSlot({ card, entity }: { card: EntityCard; entity: Entity }) {
  const content = <LazyExtension name={`entity card '${card.id}'`} load={card.card} props={{ entity }} />;
  if (card.title === undefined) return content;
  return (
    <Card component="section" aria-label={card.title} sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="h6" component="h2" sx={{ fontSize: '1rem', mb: 1.5 }}>
          {card.title}
        </Typography>
        {content}
      </CardContent>
    </Card>
  );
}
