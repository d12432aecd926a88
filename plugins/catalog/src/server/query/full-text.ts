import type { ContainsCondition } from './entity-filter.js';
import type { EntityOrder } from './order.js';

/**
 * Fields searched when a full-text filter names none and the query has no order: what
 * Backstage's own catalog page searches. (Backstage's server falls back to the first order
 * field, else `metadata.uid`, which finds nothing a person would type; the order field rule
 * is kept.)
 */
export const DEFAULT_FULL_TEXT_FIELDS = ['metadata.name', 'metadata.title', 'spec.profile.displayname'];

/** The condition for a full-text term: a case-insensitive substring of any of the fields. */
export function fullTextCondition(
  term: string | undefined,
  fields: readonly string[] | undefined,
  order: readonly EntityOrder[],
): ContainsCondition | undefined {
  const text = term?.trim();
  if (!text) return undefined;
  const keys = fields?.length ? fields : order.length ? [order[0]!.field] : DEFAULT_FULL_TEXT_FIELDS;
  return { keys: keys.map((key) => key.toLowerCase()), contains: text };
}
