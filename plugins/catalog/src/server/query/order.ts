import { InputError } from '@portico/model';
import type { EntityOrder } from '../database/operations/query/entity-page.js';

export type { EntityOrder } from '../database/operations/query/entity-page.js';

const MAX_ORDER_FIELDS = 10;

/** GET /entities `order=asc:metadata.name` (repeatable), Backstage's form. */
export function parseOrderParams(params: string | readonly string[] | undefined): EntityOrder[] {
  return listOf(params).map((param) => {
    const match = /^(asc|desc):(.+)$/.exec(param.trim());
    if (!match) throw new InputError(`Invalid order '${param}': expected <asc or desc>:<field>, e.g. asc:metadata.name`);
    return { field: match[2]!.trim(), order: match[1] as 'asc' | 'desc' };
  });
}

/** by-query `orderField=metadata.name,asc` (repeatable; the direction defaults to asc), Backstage's form. */
export function parseOrderFieldParams(params: string | readonly string[] | undefined): EntityOrder[] {
  return listOf(params).map((param) => {
    const [rawField = '', rawOrder] = param.split(',');
    const field = rawField.trim();
    const order = rawOrder?.trim() || 'asc';
    if (!field) throw new InputError(`Invalid orderField '${param}': expected <field>[,asc|desc], e.g. metadata.name,asc`);
    if (order !== 'asc' && order !== 'desc') throw new InputError(`Invalid orderField '${param}': the order must be asc or desc`);
    return { field, order };
  });
}

function listOf(params: string | readonly string[] | undefined): readonly string[] {
  const list = params === undefined ? [] : typeof params === 'string' ? [params] : params;
  if (list.length > MAX_ORDER_FIELDS) throw new InputError(`Invalid order: at most ${MAX_ORDER_FIELDS} fields`);
  return list;
}
