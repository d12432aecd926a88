import type { Kysely } from 'kysely';
import type { SearchTables } from '../tables.js';

const BATCH = 500;

/** Records that these items were refreshed into a generation still being built. */
export async function markItems(db: Kysely<SearchTables>, collatorId: string, generation: number, itemKeys: readonly string[]): Promise<void> {
  for (let start = 0; start < itemKeys.length; start += BATCH) {
    const keys = [...new Set(itemKeys.slice(start, start + BATCH))];
    await db
      .insertInto('search_build_marks')
      .values(keys.map((item_key) => ({ collator_id: collatorId, generation, item_key })))
      .onConflict((conflict) => conflict.columns(['collator_id', 'generation', 'item_key']).doNothing())
      .execute();
  }
}

/** Which of these items were refreshed into the generation while it was being built. */
export async function markedItems(
  db: Kysely<SearchTables>,
  collatorId: string,
  generation: number,
  itemKeys: readonly string[],
): Promise<Set<string>> {
  const marked = new Set<string>();
  const unique = [...new Set(itemKeys)];
  for (let start = 0; start < unique.length; start += BATCH) {
    const rows = await db
      .selectFrom('search_build_marks')
      .select('item_key')
      .where('collator_id', '=', collatorId)
      .where('generation', '=', generation)
      .where('item_key', 'in', unique.slice(start, start + BATCH))
      .execute();
    for (const row of rows) marked.add(row.item_key);
  }
  return marked;
}

export async function clearMarks(db: Kysely<SearchTables>, collatorId: string): Promise<void> {
  await db.deleteFrom('search_build_marks').where('collator_id', '=', collatorId).execute();
}
