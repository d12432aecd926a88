import { Alert, Box, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import ContentCopyRoundedIcon from '@mui/icons-material/ContentCopyRounded';
import { useMemo, useState } from 'react';
import type { AnalyzeLocationResponse } from '../../common/contracts.js';
import { toYaml } from './to-yaml.js';

type Suggestion = AnalyzeLocationResponse['generateEntities'][number];

function setPath(target: Record<string, unknown>, path: string, value: string): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (head === undefined) return target;
  if (rest.length === 0) return { ...target, [head]: value };
  const child = target[head];
  const object = typeof child === 'object' && child !== null && !Array.isArray(child) ? (child as Record<string, unknown>) : {};
  return { ...target, [head]: setPath(object, rest.join('.'), value) };
}

/**
 * The location has no catalog file: the suggested entity, with the fields the analysis could
 * not fill in as inputs, written out as a catalog-info.yaml to copy into the repository.
 */
export function GeneratedEntity({ suggestion, fileName }: { suggestion: Suggestion; fileName: string }) {
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(suggestion.fields.map((field) => [field.field, field.value ?? ''])),
  );
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>(undefined);
  const yaml = useMemo(() => {
    let entity: Record<string, unknown> = { ...suggestion.entity };
    for (const field of suggestion.fields) {
      const value = values[field.field]?.trim() ?? '';
      if (value !== '') entity = setPath(entity, field.field, value);
    }
    return toYaml(entity);
  }, [suggestion, values]);
  const missing = suggestion.fields.filter((field) => field.state === 'needsUserInput' && (values[field.field]?.trim() ?? '') === '');

  return (
    <Stack spacing={2.5}>
      <Alert severity="info" variant="outlined">
        There is no {fileName} at this location yet. Fill in the fields, copy the file below into the repository as{' '}
        <strong>{fileName}</strong>, then register the location again.
      </Alert>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, minmax(0, 1fr))' } }}>
        {suggestion.fields.map((field) => (
          <TextField
            key={field.field}
            label={field.field}
            value={values[field.field] ?? ''}
            onChange={(event) => setValues((current) => ({ ...current, [field.field]: event.target.value }))}
            helperText={field.description}
            required={field.state === 'needsUserInput'}
            size="small"
          />
        ))}
      </Box>
      <Paper variant="outlined" sx={{ position: 'relative' }}>
        <Box sx={{ display: 'flex', alignItems: 'center', px: 2, py: 1, borderBottom: 1, borderColor: 'divider' }}>
          <Typography variant="body2" sx={{ fontFamily: 'monospace', flexGrow: 1 }}>
            {fileName}
          </Typography>
          <Button
            size="small"
            startIcon={<ContentCopyRoundedIcon fontSize="small" />}
            onClick={() => {
              navigator.clipboard.writeText(yaml).then(
                () => setCopied('yes'),
                () => setCopied('failed'),
              );
            }}
          >
            {copied === 'yes' ? 'Copied' : copied === 'failed' ? 'Copy failed: select the text' : 'Copy'}
          </Button>
        </Box>
        <Box component="pre" aria-label={`Suggested ${fileName}`} sx={{ m: 0, p: 2, fontSize: '0.8125rem', overflowX: 'auto' }}>
          {yaml}
        </Box>
      </Paper>
      {missing.length > 0 && (
        <Typography variant="body2" color="text.secondary">
          Still needed: {missing.map((field) => field.field).join(', ')}.
        </Typography>
      )}
    </Stack>
  );
}
