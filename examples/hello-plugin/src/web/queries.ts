import { queryOptions } from '@tanstack/react-query';
import { getJson } from '@portico/web';
import type { Greeting } from '../common/index.js';

export const greetingQuery = () =>
  queryOptions({
    queryKey: ['hello', 'greeting'],
    queryFn: ({ signal }) => getJson<Greeting>('/api/hello/greeting', { signal }),
  });
