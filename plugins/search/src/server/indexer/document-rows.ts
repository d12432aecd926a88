import type { Insertable } from 'kysely';
import type { SearchTables } from '../database/tables.js';
import type { SearchDocumentInput } from '../extension-points.js';
import { FIELD_NAME_PATTERN } from '../query/search-filter.js';
import { normalizeForExactMatch } from '../query/words.js';

/** A document ready for the tables: its row (without id and generation) and its field rows. */
export interface DocumentRows {
  document: Omit<Insertable<SearchTables['search_documents']>, 'id' | 'generation' | 'collator_id'>;
  fields: Array<{ key: string; value: string; original_value: string }>;
}

/** Caps that keep one odd document from slowing every query (text) or bloating every page. */
export const DOCUMENT_LIMITS = {
  key: 1000,
  title: 1000,
  text: 100_000,
  location: 2000,
  fieldCount: 50,
  valuesPerField: 100,
  fieldValue: 300,
} as const;

const TYPE_PATTERN = /^[a-z0-9][a-z0-9._-]{0,99}$/i;

/**
 * Checks and flattens a collator's document. Returns a reason instead of rows when the document
 * cannot be indexed (no type, key, title or location), so the caller can log it and go on.
 */
export function toDocumentRows(input: SearchDocumentInput, indexedAt: number): DocumentRows | { problem: string } {
  if (typeof input.type !== 'string' || !TYPE_PATTERN.test(input.type)) return { problem: `type '${String(input.type)}' is not a document type` };
  if (typeof input.key !== 'string' || !input.key || input.key.length > DOCUMENT_LIMITS.key) return { problem: 'key is missing or too long' };
  if (typeof input.title !== 'string' || !input.title.trim()) return { problem: `${input.key}: title is missing` };
  if (typeof input.location !== 'string' || !input.location || input.location.length > DOCUMENT_LIMITS.location) {
    return { problem: `${input.key}: location is missing or too long` };
  }
  const title = input.title.slice(0, DOCUMENT_LIMITS.title);
  const name = typeof input.name === 'string' ? input.name.slice(0, DOCUMENT_LIMITS.title) : '';
  const fields = flattenFields(input.fields ?? {});
  const storedFields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input.fields ?? {})) {
    if (value !== undefined && FIELD_NAME_PATTERN.test(key)) storedFields[key] = value;
  }
  return {
    document: {
      type: input.type,
      doc_key: input.key,
      item_key: (input.itemKey ?? input.key).slice(0, DOCUMENT_LIMITS.key),
      name,
      name_norm: normalizeForExactMatch(name),
      title,
      title_norm: normalizeForExactMatch(title),
      keywords: (input.keywords ?? []).filter((word) => typeof word === 'string').join(' ').slice(0, DOCUMENT_LIMITS.title),
      text: typeof input.text === 'string' ? input.text.slice(0, DOCUMENT_LIMITS.text) : '',
      location: input.location,
      fields: JSON.stringify(storedFields),
      owner_ref: input.ownerRef ? input.ownerRef.toLocaleLowerCase('en-US') : null,
      updated_at: typeof input.updatedAt === 'number' && Number.isFinite(input.updatedAt) ? Math.trunc(input.updatedAt) : null,
      indexed_at: indexedAt,
    },
    fields,
  };
}

/** One row per value (arrays give one per item), lower-cased for comparison. */
function flattenFields(fields: SearchDocumentInput['fields'] & object): DocumentRows['fields'] {
  const rows: DocumentRows['fields'] = [];
  let count = 0;
  for (const [key, raw] of Object.entries(fields)) {
    if (raw === undefined || raw === null || !FIELD_NAME_PATTERN.test(key)) continue;
    if (++count > DOCUMENT_LIMITS.fieldCount) break;
    const values = (Array.isArray(raw) ? raw : [raw]).slice(0, DOCUMENT_LIMITS.valuesPerField);
    const seen = new Set<string>();
    for (const item of values) {
      if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') continue;
      const original = String(item).slice(0, DOCUMENT_LIMITS.fieldValue);
      const value = original.toLocaleLowerCase('en-US');
      if (!original || seen.has(value)) continue;
      seen.add(value);
      rows.push({ key, value, original_value: original });
    }
  }
  return rows;
}
