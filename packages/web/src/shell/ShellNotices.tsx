import { Alert, AlertTitle, Box, Stack } from '@mui/material';
import { useState } from 'react';
import { usePorticoState } from '../app/portico-context.js';

/** Tells the user what the shell had to leave out at start, instead of failing silently. */
export function ShellNotices() {
  const { pluginProblems, runtimeProblem } = usePorticoState();
  const [dismissed, setDismissed] = useState(false);
  if (dismissed || (pluginProblems.length === 0 && runtimeProblem === undefined)) return null;
  const pluginCount = new Set(pluginProblems.map((problem) => problem.pluginId)).size;
  return (
    <Stack spacing={1.5} sx={{ mb: 3 }}>
      {runtimeProblem !== undefined && (
        <Alert severity="warning" variant="outlined" onClose={() => setDismissed(true)}>
          <AlertTitle>Running with default settings</AlertTitle>
          {runtimeProblem}
        </Alert>
      )}
      {pluginProblems.length > 0 && (
        <Alert severity="warning" variant="outlined" onClose={() => setDismissed(true)}>
          <AlertTitle>
            {pluginCount === 1 ? 'A plugin has a problem' : `${pluginCount} plugins have problems`}
          </AlertTitle>
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {pluginProblems.map((problem, index) => (
              <li key={index}>
                <strong>{problem.pluginId}</strong>: {problem.message}
              </li>
            ))}
          </Box>
        </Alert>
      )}
    </Stack>
  );
}
