import { InputError } from '@portico/model';
import { z } from 'zod';
import type { EntityOrder, EntityPosition } from '../database/operations/query/entity-page.js';
import type { EntityFilter } from './entity-filter.js';

/** What a listing is: the filter (full-text part included), the order. */
export interface EntityListing {
  filter?: EntityFilter;
  order: EntityOrder[];
}

/**
 * A page position that carries its whole listing, so a request with a cursor needs nothing
 * else and cannot mix pages of two listings (Backstage's rule: a cursor overrides filter,
 * order and full-text parameters). Opaque to clients: base64 of JSON, checked on the way in.
 */
export interface EntityCursor extends EntityListing {
  /** Read the page after (`next`) or before (`prev`) the position. */
  direction: 'next' | 'prev';
  position: EntityPosition;
  /** The total the first page counted, carried so later pages need not count again. */
  totalItems?: number;
}

const filterSchema: z.ZodType<EntityFilter> = z.lazy(() =>
  z.union([
    z.object({ allOf: z.array(filterSchema).max(500) }).strict(),
    z.object({ anyOf: z.array(filterSchema).max(500) }).strict(),
    z.object({ not: filterSchema }).strict(),
    z.object({ key: z.string().max(300), values: z.array(z.string()).max(1000).optional() }).strict(),
    z.object({ key: z.string().max(300), prefix: z.string() }).strict(),
    z.object({ keys: z.array(z.string().max(300)).max(50), contains: z.string() }).strict(),
  ]),
);

const cursorSchema = z
  .object({
    v: z.literal(1),
    filter: filterSchema.optional(),
    order: z.array(z.object({ field: z.string().min(1).max(300), order: z.enum(['asc', 'desc']) }).strict()).max(10),
    direction: z.enum(['next', 'prev']),
    position: z.object({ values: z.array(z.string().nullable()).max(10), ref: z.string().max(1000) }).strict(),
    totalItems: z.number().int().nonnegative().optional(),
  })
  .strict()
  .refine((cursor) => cursor.position.values.length === cursor.order.length, 'position does not fit the order');

export function encodeEntityCursor(cursor: EntityCursor): string {
  return Buffer.from(JSON.stringify({ v: 1, ...cursor }), 'utf8').toString('base64');
}

/** InputError naming `parameter` when the value is not a cursor this server issued. */
export function decodeEntityCursor(value: string, parameter = 'cursor'): EntityCursor {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
  } catch {
    throw new InputError(`Invalid ${parameter}: not a cursor this server issued`);
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) throw new InputError(`Invalid ${parameter}: not a cursor this server issued`);
  const { v: _version, ...cursor } = parsed.data;
  return cursor as EntityCursor;
}
