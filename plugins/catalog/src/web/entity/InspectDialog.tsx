import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import type { Entity } from '@portico/model';
import { entityDisplayName } from '../entity-text.js';

/** The entity exactly as the catalog serves it, relations and status included. */
export function InspectDialog({ entity, open, onClose }: { entity: Entity; open: boolean; onClose: () => void }) {
  return (
    <Dialog open={open} onClose={onClose} maxWidth="md" fullWidth aria-labelledby="inspect-title">
      <DialogTitle id="inspect-title">{entityDisplayName(entity)} as the catalog holds it</DialogTitle>
      <DialogContent dividers>
        <Box component="pre" sx={{ m: 0, fontSize: '0.8125rem', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {JSON.stringify(entity, null, 2)}
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
