import { ResponseError } from '@portico/model';
import { QueryClient } from '@tanstack/react-query';

/**
 * One query cache for the whole portal, shared with runtime plugins. A 4xx answer will not
 * change on retry, so only network failures and 5xx are retried.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) =>
          failureCount < 2 && !(error instanceof ResponseError && error.statusCode < 500),
      },
    },
  });
}
