import type { SearchQuery } from './contracts.js';

/**
 * Encodes a search query the way Backstage's search client does (qs with indexed arrays):
 * `term=x&types[0]=software-catalog&filters[kind]=Component&pageLimit=25`. The server also
 * accepts `types[]=` and repeated `types=`.
 */
export function searchQueryString(query: SearchQuery): string {
  const params = new URLSearchParams();
  params.append('term', query.term);
  (query.types ?? []).forEach((type, index) => params.append(`types[${index}]`, type));
  for (const [field, value] of Object.entries(query.filters ?? {})) {
    if (Array.isArray(value)) value.forEach((item, index) => params.append(`filters[${field}][${index}]`, item));
    else params.append(`filters[${field}]`, value);
  }
  if (query.pageCursor) params.append('pageCursor', query.pageCursor);
  if (query.pageLimit !== undefined) params.append('pageLimit', String(query.pageLimit));
  return params.toString();
}
