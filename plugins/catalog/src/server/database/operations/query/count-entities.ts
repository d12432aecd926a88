import { sql, type Kysely } from 'kysely';
import type { EntityFilter } from '../../../query/entity-filter.js';
import type { CatalogTables } from '../../tables.js';
import { cachedAggregate } from './aggregate-cache.js';
import { compileFilterAsIdSet } from './compile-filter.js';

/** How many entities match the filter (all of them without one); remembered while the data is unchanged. */
export async function countEntities(db: Kysely<CatalogTables>, filter: EntityFilter | undefined): Promise<number> {
  return cachedAggregate(db, `count:${JSON.stringify(filter ?? null)}`, async () => {
    const query = filter
      ? sql<{ count: number | string }>`SELECT COUNT(*) AS count FROM (${compileFilterAsIdSet(filter)}) matches`
      : sql<{ count: number | string }>`SELECT COUNT(*) AS count FROM catalog_entities`;
    const result = await query.execute(db);
    return Number(result.rows[0]?.count ?? 0);
  });
}
