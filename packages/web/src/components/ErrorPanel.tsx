import { Alert, AlertTitle, Button } from '@mui/material';
import { ResponseError } from '@portico/model';

export interface ErrorPanelProps {
  error: Error;
  /** Defaults to a title derived from the error. */
  title?: string;
  onRetry?: () => void;
}

/** Shows a failed request or render in words a user can act on. */
export function ErrorPanel({ error, title, onRetry }: ErrorPanelProps) {
  return (
    <Alert
      severity="error"
      variant="outlined"
      action={onRetry ? <Button color="inherit" size="small" onClick={onRetry}>Retry</Button> : undefined}
    >
      <AlertTitle>{title ?? titleFor(error)}</AlertTitle>
      {error.message}
    </Alert>
  );
}

function titleFor(error: Error): string {
  if (!(error instanceof ResponseError)) return 'Something went wrong';
  switch (error.statusCode) {
    case 401:
      return 'Please sign in';
    case 403:
      return 'You are not allowed to see this';
    case 404:
      return 'Not found';
    default:
      return error.statusCode >= 500 ? 'The server had a problem' : 'The request was not accepted';
  }
}
