import type { Kysely, Selectable } from 'kysely';
import type { SearchTables } from '../tables.js';

export type SourceRow = Selectable<SearchTables['search_sources']>;

/** Makes sure the collator has its row; a new collator starts with an empty generation 1. */
export async function ensureSource(db: Kysely<SearchTables>, collatorId: string): Promise<void> {
  await db
    .insertInto('search_sources')
    .values({ collator_id: collatorId, active_generation: 1, building_generation: null, build_started_at: null, last_built_at: null, last_error: null })
    .onConflict((conflict) => conflict.column('collator_id').doNothing())
    .execute();
}

export async function getSource(db: Kysely<SearchTables>, collatorId: string): Promise<SourceRow> {
  const row = await db.selectFrom('search_sources').selectAll().where('collator_id', '=', collatorId).executeTakeFirst();
  if (!row) throw new Error(`search: collator '${collatorId}' has no row in search_sources`);
  return row;
}

export async function listSources(db: Kysely<SearchTables>): Promise<SourceRow[]> {
  return db.selectFrom('search_sources').selectAll().orderBy('collator_id').execute();
}

/** The generations incremental changes go to: the one searches see, and the one being built. */
export function liveGenerations(source: SourceRow): number[] {
  return source.building_generation === null ? [source.active_generation] : [source.active_generation, source.building_generation];
}

/** Per collator, how many documents the active generation holds. */
export async function countActiveDocuments(db: Kysely<SearchTables>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('search_documents as d')
    .innerJoin('search_sources as s', (join) =>
      join.onRef('s.collator_id', '=', 'd.collator_id').onRef('s.active_generation', '=', 'd.generation'),
    )
    .select(['d.collator_id', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('d.collator_id')
    .execute();
  return new Map(rows.map((row) => [row.collator_id, Number(row.count)]));
}
