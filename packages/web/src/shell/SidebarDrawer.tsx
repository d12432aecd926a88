import { Drawer } from '@mui/material';
import { SIDEBAR_WIDTH, SidebarContent } from './Sidebar.js';

/** The sidebar as a drawer over the page, for narrow screens. */
export default function SidebarDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Drawer open={open} onClose={onClose} slotProps={{ paper: { sx: { width: SIDEBAR_WIDTH, bgcolor: 'background.paper' } } }}>
      <SidebarContent onNavigate={onClose} />
    </Drawer>
  );
}
