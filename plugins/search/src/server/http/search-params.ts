import { InputError } from '@portico/model';
import type { SearchQuery } from '../../common/index.js';
import type { SearchFacetsQuery } from '../service/search-service.js';
import { parseNestedQuery, type NestedValue } from './parse-nested-query.js';

/** Reads `GET /query` parameters from the raw query string (see parseNestedQuery). */
export function readSearchQuery(rawUrl: string): SearchQuery {
  const params = parseNestedQuery(queryStringOf(rawUrl));
  const query: SearchQuery = { term: single(params.term, 'term') ?? '' };
  const types = list(params.types, 'types');
  if (types) query.types = types;
  const filters = filterParams(params.filters);
  if (filters) query.filters = filters;
  const cursor = single(params.pageCursor, 'pageCursor');
  if (cursor) query.pageCursor = cursor;
  const limit = single(params.pageLimit, 'pageLimit');
  if (limit !== undefined && limit !== '') {
    if (!/^\d{1,6}$/.test(limit)) throw new InputError(`pageLimit: '${limit}' is not a whole number`);
    query.pageLimit = Number(limit);
  }
  return query;
}

/** `GET /facets`: the query's term, types and filters, plus `facets[]`. */
export function readFacetsQuery(rawUrl: string): SearchFacetsQuery {
  const { term, types, filters } = readSearchQuery(rawUrl);
  const facets = list(parseNestedQuery(queryStringOf(rawUrl)).facets, 'facets');
  return { term, ...(types ? { types } : {}), ...(filters ? { filters } : {}), ...(facets ? { facets } : {}) };
}

function queryStringOf(rawUrl: string): string {
  const question = rawUrl.indexOf('?');
  return question === -1 ? '' : rawUrl.slice(question + 1);
}

function single(value: NestedValue | undefined, name: string): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw new InputError(`${name}: give it once, as text`);
}

function list(value: NestedValue | undefined, name: string): string[] | undefined {
  if (value === undefined) return undefined;
  const items = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
  if (!items || items.some((item) => typeof item !== 'string')) {
    throw new InputError(`${name}: a list of text values (${name}[]=a&${name}[]=b)`);
  }
  return (items as string[]).flatMap((item) => item.split(',')).map((item) => item.trim()).filter(Boolean);
}

function filterParams(value: NestedValue | undefined): Record<string, string | string[]> | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' || Array.isArray(value)) {
    throw new InputError('filters: name the field, as in filters[kind]=Component');
  }
  const filters: Record<string, string | string[]> = {};
  for (const [field, item] of Object.entries(value)) {
    if (typeof item === 'string') filters[field] = item;
    else if (Array.isArray(item) && item.every((entry) => typeof entry === 'string')) filters[field] = item as string[];
    else throw new InputError(`filters[${field}]: a value or a list of values (filters[${field}][]=a), not nested fields`);
  }
  return filters;
}
