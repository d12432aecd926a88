import { InputError } from '@portico/model';
import { MAX_PAGE_LIMIT, type SearchQuery } from '../../common/index.js';
import { FIELD_NAME_PATTERN, allOf, type SearchFilter } from './search-filter.js';

/** A search query checked and split into what the engines need. */
export interface ValidatedSearchRequest {
  term: string;
  types: string[];
  /** User filters by field, values as given. */
  filters: Map<string, string[]>;
  offset: number;
  limit: number;
}

const TYPE_PATTERN = /^[A-Za-z0-9][\w.-]{0,99}$/;
const MAX_TYPES = 20;
const MAX_FILTER_FIELDS = 20;
const MAX_FILTER_VALUES = 50;
const MAX_FILTER_VALUE_LENGTH = 300;

export interface RequestLimits {
  maxTermLength: number;
  defaultPageLimit: number;
}

/**
 * Checks a query from a client or another plugin. Every problem is an InputError (400) that
 * names the parameter and the rule.
 */
export function validateSearchRequest(
  query: SearchQuery,
  limits: RequestLimits,
  decodeCursor: (cursor: string) => number,
): ValidatedSearchRequest {
  const term = typeof query.term === 'string' ? query.term.trim() : '';
  if (term.length > limits.maxTermLength) {
    throw new InputError(`term: at most ${limits.maxTermLength} characters (got ${term.length})`);
  }
  const types = query.types ?? [];
  if (!Array.isArray(types) || types.length > MAX_TYPES) throw new InputError(`types: a list of at most ${MAX_TYPES} document types`);
  types.forEach((type, index) => {
    if (typeof type !== 'string' || !TYPE_PATTERN.test(type)) throw new InputError(`types[${index}]: '${String(type)}' is not a document type`);
  });

  const filters = new Map<string, string[]>();
  const entries = Object.entries(query.filters ?? {});
  if (entries.length > MAX_FILTER_FIELDS) throw new InputError(`filters: at most ${MAX_FILTER_FIELDS} fields`);
  for (const [field, raw] of entries) {
    if (!FIELD_NAME_PATTERN.test(field)) {
      throw new InputError(`filters[${field}]: '${field}' is not a field name (letters, digits, '_', '.', '-')`);
    }
    const values = Array.isArray(raw) ? raw : [raw];
    if (values.length === 0 || values.length > MAX_FILTER_VALUES) {
      throw new InputError(`filters[${field}]: give between 1 and ${MAX_FILTER_VALUES} values`);
    }
    values.forEach((value) => {
      if (typeof value !== 'string') throw new InputError(`filters[${field}]: values must be text, not nested parameters`);
      if (value.length > MAX_FILTER_VALUE_LENGTH) throw new InputError(`filters[${field}]: values are at most ${MAX_FILTER_VALUE_LENGTH} characters`);
    });
    filters.set(field, values);
  }

  const limit = query.pageLimit ?? limits.defaultPageLimit;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw new InputError(`pageLimit: a whole number from 1 to ${MAX_PAGE_LIMIT}`);
  }
  const offset = query.pageCursor ? decodeCursor(query.pageCursor) : 0;
  return { term, types: [...new Set(types)], filters, offset, limit };
}

/** The user's type tabs and filters as one filter, optionally leaving out one field (for its facet). */
export function userFilter(request: ValidatedSearchRequest, options: { without?: string } = {}): SearchFilter | undefined {
  const byType: SearchFilter | undefined = request.types.length && options.without !== 'types' ? { type: request.types } : undefined;
  const byField = [...request.filters]
    .filter(([field]) => field !== options.without)
    .map(([field, values]): SearchFilter => ({ field, values }));
  return allOf(byType, ...byField);
}
