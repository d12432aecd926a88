import { sql, type RawBuilder } from 'kysely';
import { RANKING } from '../types.js';

/**
 * The factor a document's text score is multiplied by: the searcher's own documents score
 * higher, recently edited ones slightly higher. Numbers are inlined (they are ours, not the
 * user's) so both databases type the arithmetic the same way.
 */
export function boostSql(ownershipRefs: readonly string[], now: number): RawBuilder<number> {
  const owned = ownershipRefs.length
    ? sql`(CASE WHEN d.owner_ref IN (${sql.join(ownershipRefs.map((ref) => ref.toLocaleLowerCase('en-US')))}) THEN ${sql.lit(RANKING.ownedBoost)} ELSE 1.0 END)`
    : sql`1.0`;
  const since = Math.trunc(now - RANKING.recencyWindowMs);
  const recent = sql`(CASE
    WHEN d.updated_at IS NULL OR d.updated_at <= ${sql.lit(since)} THEN 1.0
    WHEN d.updated_at >= ${sql.lit(Math.trunc(now))} THEN ${sql.lit(1 + RANKING.recencyBoost)}
    ELSE 1.0 + ${sql.lit(RANKING.recencyBoost)} * (d.updated_at - ${sql.lit(since)}) / ${sql.lit(RANKING.recencyWindowMs)}.0 END)`;
  return sql<number>`(${owned} * ${recent})`;
}
