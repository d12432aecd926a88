import { Alert, Box, Button, Card, CardContent, Chip, CircularProgress, Link, Step, StepLabel, Stepper, TextField, Typography } from '@mui/material';
import { ErrorPanel, PageHeader } from '@portico/web';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { AnalyzeLocationResponse, LocationSpec, RegisterLocationResponse } from '../../common/contracts.js';
import { catalogClient } from '../api.js';
import { entityPath } from '../entity-routes.js';
import { entityDisplayName } from '../entity-text.js';
import { GeneratedEntity } from '../import/GeneratedEntity.js';
import { locationFromInput } from '../import/location-input.js';
import { EntityList } from '../import/ReviewEntities.js';
import { catalogKeys } from '../queries.js';

const CATALOG_FILE = 'catalog-info.yaml';

type Review =
  | { location: LocationSpec; found: RegisterLocationResponse }
  | { location: LocationSpec; suggestion: AnalyzeLocationResponse['generateEntities'][number] };

/**
 * `/catalog-import`: register an existing component. Enter where its catalog file lives, see
 * what the catalog would read from it (a dry run), import it, and open what came in. A location
 * without a catalog file gets a suggested catalog-info.yaml to copy.
 */
export default function ImportPage() {
  const [input, setInput] = useState('');
  const [review, setReview] = useState<Review | undefined>(undefined);
  const [imported, setImported] = useState<RegisterLocationResponse | undefined>(undefined);
  const queryClient = useQueryClient();

  const analyze = useMutation({
    mutationFn: async (location: LocationSpec): Promise<Review> => {
      const analysis = await catalogClient.analyzeLocation(location);
      const suggestion = analysis.generateEntities[0];
      if (analysis.existingEntityFiles.length === 0 && suggestion !== undefined) return { location, suggestion };
      return { location, found: await catalogClient.addLocation(location, { dryRun: true }) };
    },
    onSuccess: setReview,
  });
  const register = useMutation({
    mutationFn: (location: LocationSpec) => catalogClient.addLocation(location),
    onSuccess: async (result) => {
      setImported(result);
      await queryClient.invalidateQueries({ queryKey: catalogKeys.all });
    },
  });

  const location = locationFromInput(input);
  const step = imported ? 2 : review ? 1 : 0;
  const restart = () => {
    setReview(undefined);
    setImported(undefined);
    analyze.reset();
    register.reset();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (location) analyze.mutate(location);
  };

  return (
    <>
      <PageHeader
        title="Register an existing component"
        subtitle="Point the catalog at a catalog-info.yaml file. It reads the file now, and again whenever the file changes."
      />
      <Stepper activeStep={step} sx={{ mb: 3, maxWidth: 720 }}>
        {['Where it lives', 'Review', 'Imported'].map((label) => (
          <Step key={label}>
            <StepLabel>{label}</StepLabel>
          </Step>
        ))}
      </Stepper>
      <Card sx={{ maxWidth: 1000 }}>
        <CardContent sx={{ p: 3 }}>
          {step === 0 && (
            <Box component="form" onSubmit={submit} noValidate>
              <Typography variant="h6" component="h2" sx={{ mb: 0.5 }}>
                Where is the catalog file?
              </Typography>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 2.5 }}>
                The URL of a repository or of its {CATALOG_FILE} (for example
                https://github.com/acme/payments/blob/main/{CATALOG_FILE}), or a path on the Portico server when file locations are
                allowed.
              </Typography>
              <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexDirection: { xs: 'column', sm: 'row' } }}>
                <TextField
                  label="Repository URL or catalog file"
                  value={input}
                  onChange={(event) => setInput(event.target.value)}
                  fullWidth
                  autoFocus
                  error={input.trim() !== '' && location === undefined}
                  helperText={
                    input.trim() === ''
                      ? ' '
                      : location === undefined
                        ? 'Use an http(s) URL, a git address, or a file path.'
                        : `Read as a ${location.type} location`
                  }
                />
                <Button
                  type="submit"
                  variant="contained"
                  size="large"
                  disabled={location === undefined || analyze.isPending}
                  startIcon={analyze.isPending ? <CircularProgress size={18} color="inherit" /> : undefined}
                  sx={{ flexShrink: 0, mt: { sm: 0.5 } }}
                >
                  {analyze.isPending ? 'Analyzing…' : 'Analyze'}
                </Button>
              </Box>
              {analyze.error && (
                <Box sx={{ mt: 2 }}>
                  <ErrorPanel error={analyze.error} title="The location could not be read" />
                </Box>
              )}
            </Box>
          )}

          {step === 1 && review && (
            <>
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 2, flexWrap: 'wrap' }}>
                <Chip size="small" label={review.location.type} />
                <Typography sx={{ fontFamily: 'monospace', overflowWrap: 'anywhere' }}>{review.location.target}</Typography>
              </Box>
              {'suggestion' in review ? (
                <GeneratedEntity suggestion={review.suggestion} fileName={CATALOG_FILE} />
              ) : (
                <>
                  {review.found.exists ? (
                    <Alert severity="info" variant="outlined" sx={{ mb: 2 }}>
                      This location is registered already. The catalog reads it again on its own; open an entity and use Refresh
                      to read it now.
                    </Alert>
                  ) : (
                    <Typography sx={{ mb: 2 }}>
                      The catalog would read {review.found.entities.length === 1 ? 'this entity' : `these ${review.found.entities.length} entities`}:
                    </Typography>
                  )}
                  <EntityList entities={review.found.entities} label="Entities to import" />
                  {register.error && (
                    <Box sx={{ mt: 2 }}>
                      <ErrorPanel error={register.error} title="The location was not registered" />
                    </Box>
                  )}
                </>
              )}
              <Box sx={{ display: 'flex', gap: 1, mt: 3, justifyContent: 'flex-end' }}>
                <Button onClick={restart} disabled={register.isPending}>
                  Back
                </Button>
                {'found' in review && !review.found.exists && (
                  <Button
                    variant="contained"
                    onClick={() => register.mutate(review.location)}
                    disabled={register.isPending}
                    startIcon={register.isPending ? <CircularProgress size={18} color="inherit" /> : undefined}
                  >
                    {register.isPending ? 'Importing…' : 'Import'}
                  </Button>
                )}
              </Box>
            </>
          )}

          {step === 2 && imported && (
            <>
              <Alert severity="success" variant="outlined" sx={{ mb: 2 }}>
                Registered {imported.location.type}:{imported.location.target}.{' '}
                {imported.entities.length === 1 ? 'One entity is' : `${imported.entities.length} entities are`} now in the catalog.
              </Alert>
              <EntityList
                entities={imported.entities}
                label="Imported entities"
                renderName={(entity) => (
                  <Link href={entityPath(entity)} underline="hover" sx={{ fontWeight: 600 }}>
                    {entityDisplayName(entity)}
                  </Link>
                )}
              />
              <Box sx={{ display: 'flex', gap: 1, mt: 3, justifyContent: 'flex-end' }}>
                <Button
                  onClick={() => {
                    restart();
                    setInput('');
                  }}
                >
                  Register another
                </Button>
                <Button variant="contained" href="/catalog">
                  Go to the catalog
                </Button>
              </Box>
            </>
          )}
        </CardContent>
      </Card>
    </>
  );
}
