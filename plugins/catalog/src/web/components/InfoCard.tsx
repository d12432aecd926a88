import { Box, Card, CardContent, Typography } from '@mui/material';
import type { ReactNode } from 'react';

export interface InfoCardProps {
  title: string;
  /** Small text beside the title, e.g. a count. */
  subheader?: ReactNode;
  /** Buttons or links at the right of the title. */
  action?: ReactNode;
  children: ReactNode;
  /** Drops the content padding, for tables and lists that run edge to edge. */
  flush?: boolean;
}

/** The frame of every card on the entity page: a titled, labelled region. */
export function InfoCard({ title, subheader, action, children, flush = false }: InfoCardProps) {
  return (
    <Card component="section" aria-label={title} sx={{ height: '100%', display: 'flex', flexDirection: 'column' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 2.5, pt: 2, pb: flush ? 1.5 : 0.5, minHeight: 52 }}>
        <Typography variant="h6" component="h2" sx={{ fontSize: '1rem' }}>
          {title}
        </Typography>
        {subheader !== undefined && (
          <Typography variant="body2" color="text.secondary" component="span">
            {subheader}
          </Typography>
        )}
        <Box sx={{ flexGrow: 1 }} />
        {action}
      </Box>
      {flush ? <Box sx={{ flexGrow: 1 }}>{children}</Box> : <CardContent sx={{ flexGrow: 1, pt: 1, px: 2.5, '&:last-child': { pb: 2.5 } }}>{children}</CardContent>}
    </Card>
  );
}

/** The quiet text a card shows when it has nothing to list. */
export function EmptyCardText({ children }: { children: ReactNode }) {
  return (
    <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
      {children}
    </Typography>
  );
}
