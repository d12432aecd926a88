import type { SearchDocument, SearchFieldValue, SearchResult } from '../../common/index.js';
import type { EngineHit, HighlightTags } from '../engine/types.js';

/** Results carry the start of a long text; the highlight has the part that matched. */
export const RESULT_TEXT_LENGTH = 500;

/** An engine hit in Backstage's result shape. */
export function presentHit(hit: EngineHit, rank: number, tags: HighlightTags): SearchResult {
  const document: SearchDocument = {
    ...(hit.fields as Record<string, SearchFieldValue>),
    title: hit.title,
    text: hit.text.length > RESULT_TEXT_LENGTH ? `${hit.text.slice(0, RESULT_TEXT_LENGTH).trimEnd()}…` : hit.text,
    location: hit.location,
  };
  const result: SearchResult = { type: hit.type, document, rank };
  if (hit.highlight) {
    result.highlight = { preTag: tags.preTag, postTag: tags.postTag, fields: { title: hit.highlight.title, text: hit.highlight.text } };
  }
  return result;
}
