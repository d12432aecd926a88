import { Box, Card, CardContent, Typography } from '@mui/material';
import DashboardCustomizeOutlinedIcon from '@mui/icons-material/DashboardCustomizeOutlined';
import { useAppRuntime, useHomeWidgets } from '../app/portico-context.js';
import { LazyExtension } from '../components/LazyExtension.js';
import { PageHeader } from '../components/PageHeader.js';
import type { ExtensionSize, HomeWidget } from '../plugin/extensions.js';

/** Columns of a 12-column grid each widget size spans on a wide screen. */
const columnsBySize: Record<ExtensionSize, number> = { small: 4, medium: 6, large: 8, full: 12 };

/** The portal's front page: the home widgets every plugin contributes. */
export function HomePage() {
  const { app } = useAppRuntime();
  const widgets = useHomeWidgets();
  return (
    <>
      <PageHeader title={`Welcome to ${app.title}`} subtitle="Everything your teams build and run, in one place." />
      {widgets.length === 0 ? (
        <EmptyHome />
      ) : (
        <Box sx={{ display: 'grid', gap: 3, gridTemplateColumns: { xs: '1fr', md: 'repeat(12, minmax(0, 1fr))' } }}>
          {widgets.map((widget) => (
            <HomeWidgetFrame key={widget.id} widget={widget} />
          ))}
        </Box>
      )}
    </>
  );
}

function HomeWidgetFrame({ widget }: { widget: HomeWidget }) {
  return (
    <Card
      component="section"
      aria-label={widget.title}
      sx={{ gridColumn: { md: `span ${columnsBySize[widget.size ?? 'medium']}` }, display: 'flex', flexDirection: 'column' }}
    >
      <CardContent sx={{ flexGrow: 1 }}>
        <Typography variant="h5" component="h2" sx={{ mb: 1.5 }}>
          {widget.title}
        </Typography>
        <LazyExtension name={`home widget '${widget.id}'`} load={widget.widget} props={{}} />
      </CardContent>
    </Card>
  );
}

function EmptyHome() {
  return (
    <Card sx={{ py: 8, px: 3, textAlign: 'center', borderStyle: 'dashed' }}>
      <DashboardCustomizeOutlinedIcon sx={{ fontSize: 44, color: 'text.secondary', mb: 1.5 }} />
      <Typography variant="h5" component="h2">
        Nothing on your home page yet
      </Typography>
      <Typography color="text.secondary" sx={{ mt: 1, maxWidth: 460, mx: 'auto' }}>
        Plugins add widgets here, such as recently changed components or your team's services. Meanwhile,
        the sidebar takes you to every part of the portal.
      </Typography>
    </Card>
  );
}
