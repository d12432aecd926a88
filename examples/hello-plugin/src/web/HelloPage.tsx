import { Avatar, Box, Card, CardContent, Chip, Skeleton, Typography } from '@mui/material';
import WavingHandOutlinedIcon from '@mui/icons-material/WavingHandOutlined';
import { useQuery } from '@tanstack/react-query';
import { ErrorPanel, PageHeader } from '@portico/web';
import { greetingQuery } from './queries.js';

export default function HelloPage() {
  const greeting = useQuery(greetingQuery());
  return (
    <>
      <PageHeader
        title="Hello from a runtime plugin"
        subtitle="This page comes from a separately built package that the portal imported at run time."
      />
      {greeting.isError ? (
        <ErrorPanel error={greeting.error} onRetry={() => void greeting.refetch()} />
      ) : (
        <Card sx={{ maxWidth: 640 }}>
          <CardContent sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', p: 3 }}>
            <Avatar sx={{ bgcolor: 'primary.main', color: 'primary.contrastText' }}>
              <WavingHandOutlinedIcon />
            </Avatar>
            <Box sx={{ flexGrow: 1, minWidth: 0 }}>
              <Typography variant="overline" color="text.secondary">
                The server says
              </Typography>
              {greeting.isPending ? (
                <Skeleton width="60%" sx={{ fontSize: '1.4rem' }} />
              ) : (
                <>
                  <Typography variant="h2" component="p" sx={{ fontSize: '1.4rem' }}>
                    {greeting.data.message}
                  </Typography>
                  <Chip
                    size="small"
                    variant="outlined"
                    label={`Served ${greeting.data.visits} ${greeting.data.visits === 1 ? 'time' : 'times'}`}
                    sx={{ mt: 1.5 }}
                  />
                </>
              )}
            </Box>
          </CardContent>
        </Card>
      )}
    </>
  );
}
