import type { Kysely } from 'kysely';
import type { SearchTables } from '../../database/tables.js';
import type { EngineHit } from '../types.js';

/** A row of a ranked page: which document and how it ranked. */
export interface RankedRow {
  id: number;
  tier: number;
  score: number;
}

/** Loads the documents of a ranked page, in rank order, with their highlights. */
export async function readHits(
  db: Kysely<SearchTables>,
  rows: readonly RankedRow[],
  highlights: ReadonlyMap<number, { title: string; text: string }> | undefined,
): Promise<EngineHit[]> {
  const ids = rows.map((row) => Number(row.id));
  if (ids.length === 0) return [];
  const documents = await db
    .selectFrom('search_documents')
    .select(['id', 'type', 'title', 'text', 'location', 'fields'])
    .where('id', 'in', ids)
    .execute();
  const byId = new Map(documents.map((document) => [Number(document.id), document]));
  return ids.flatMap((id) => {
    const document = byId.get(id);
    if (!document) return [];
    const highlight = highlights?.get(id);
    const hit: EngineHit = {
      type: document.type,
      title: document.title,
      text: document.text,
      location: document.location,
      fields: JSON.parse(document.fields) as Record<string, unknown>,
    };
    if (highlight) hit.highlight = highlight;
    return [hit];
  });
}
