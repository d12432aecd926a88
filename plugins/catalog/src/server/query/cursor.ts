import { InputError } from '@portico/model';
import type { EntityOrder } from '../database/operations/query/find-entities.js';
import type { EntityFilter } from './entity-filter.js';

/**
 * A by-query cursor carries the whole query plus the page's position, so the next request needs
 * nothing else (as in Backstage, a cursor overrides filter, order and text). Opaque to clients.
 */
export interface QueryCursor {
  filter?: EntityFilter;
  fullText?: { term: string; fields: string[] };
  order: EntityOrder[];
  offset: number;
  /** Total matches, carried along when the first page counted them. */
  totalItems?: number;
}

export function encodeCursor(cursor: QueryCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

export function decodeCursor(value: string): QueryCursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as QueryCursor;
    if (typeof parsed !== 'object' || parsed === null || !Array.isArray(parsed.order) || typeof parsed.offset !== 'number') {
      throw new Error('bad shape');
    }
    return parsed;
  } catch {
    throw new InputError('cursor: not a cursor this server issued');
  }
}

/** `metadata.name,asc` (by-query) or `asc:metadata.name` (GET /entities `order`). */
export function parseOrderParams(params: string | string[] | undefined, style: 'field,order' | 'order:field'): EntityOrder[] {
  const list = params === undefined ? [] : Array.isArray(params) ? params : [params];
  return list.map((param) => {
    let field: string;
    let order: string;
    if (style === 'field,order') {
      [field = '', order = 'asc'] = param.split(',').map((part) => part.trim());
    } else {
      const colon = param.indexOf(':');
      order = colon === -1 ? 'asc' : param.slice(0, colon).trim();
      field = colon === -1 ? param.trim() : param.slice(colon + 1).trim();
    }
    if (!field) throw new InputError(`order: '${param}' names no field`);
    if (order !== 'asc' && order !== 'desc') throw new InputError(`order: '${param}' must be asc or desc`);
    return { field, order };
  });
}
