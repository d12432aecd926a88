import type { Kysely } from 'kysely';
import type { SearchTables } from '../tables.js';
import { clearMarks } from './build-marks.js';
import { getSource } from './sources.js';

/**
 * Opens a new generation for a full build of the collator. A build left behind by a crashed
 * replica is superseded: its generation is dropped later with the other stale ones.
 * Call inside the collator lock.
 */
export async function openGeneration(db: Kysely<SearchTables>, collatorId: string, now: number): Promise<number> {
  const source = await getSource(db, collatorId);
  const generation = Math.max(source.active_generation, source.building_generation ?? 0) + 1;
  await clearMarks(db, collatorId);
  await db
    .updateTable('search_sources')
    .set({ building_generation: generation, build_started_at: now })
    .where('collator_id', '=', collatorId)
    .execute();
  return generation;
}

/** Whether the generation is still the one being built (a newer build may have taken over). */
export async function isBuilding(db: Kysely<SearchTables>, collatorId: string, generation: number): Promise<boolean> {
  return (await getSource(db, collatorId)).building_generation === generation;
}

/**
 * Makes the built generation the one searches see, in one update. Returns the previous active
 * generation (to delete), or undefined when the build was superseded. Call inside the collator lock.
 */
export async function activateGeneration(
  db: Kysely<SearchTables>,
  collatorId: string,
  generation: number,
  now: number,
): Promise<number | undefined> {
  const source = await getSource(db, collatorId);
  if (source.building_generation !== generation) return undefined;
  await db
    .updateTable('search_sources')
    .set({ active_generation: generation, building_generation: null, build_started_at: null, last_built_at: now, last_error: null })
    .where('collator_id', '=', collatorId)
    .execute();
  await clearMarks(db, collatorId);
  return source.active_generation;
}

/** Gives up a build: searches keep the active generation; the error is kept for the status page. */
export async function abandonGeneration(db: Kysely<SearchTables>, collatorId: string, generation: number, error: string): Promise<void> {
  await db
    .updateTable('search_sources')
    .set({ building_generation: null, build_started_at: null, last_error: error.slice(0, 2000) })
    .where('collator_id', '=', collatorId)
    .where('building_generation', '=', generation)
    .execute();
  await clearMarks(db, collatorId);
}
