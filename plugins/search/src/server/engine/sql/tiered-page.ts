import { MAX_COUNTED_RESULTS } from '../../../common/index.js';
import type { RankedRow } from './read-hits.js';

/**
 * Counting stops here: an exact count of a common word's 50,000 matches costs a visit to every
 * one of them and tells nobody more than "1,000+" would (Elasticsearch caps its counts the same
 * way, at 10,000). Pages end here too.
 */
export const COUNT_CAP = MAX_COUNTED_RESULTS;

export interface TieredQueries {
  /**
   * The best `limit` documents whose name or title holds the term (exact name and title first),
   * in rank order.
   */
  head(limit: number): Promise<RankedRow[]>;
  /** Documents matching only in their other text, in rank order. */
  rest(limit: number, offset: number): Promise<RankedRow[]>;
}

/**
 * One page of ranked results, reading the text-only matches only when the name and title
 * matches do not fill the page. A common word can match most documents; ranking all of them
 * for a first page that name and title matches fill would be wasted work.
 */
export async function tieredPage(queries: TieredQueries, offset: number, limit: number): Promise<RankedRow[]> {
  const head = await queries.head(offset + limit);
  if (head.length === offset + limit) return head.slice(offset);
  const fromRest = offset + limit - head.length;
  const rest = await queries.rest(Math.min(limit, fromRest), Math.max(0, offset - head.length));
  return [...head.slice(offset), ...rest];
}
