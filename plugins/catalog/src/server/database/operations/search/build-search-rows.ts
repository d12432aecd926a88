import { DEFAULT_NAMESPACE, InputError, type Entity } from '@portico/model';
import type { CatalogTables } from '../../tables.js';

export type SearchRow = CatalogTables['catalog_search'];

/**
 * Paths left out of the generic walk: relations get their own `relations.<type>` rows, status
 * and attachments are not filterable, and the identity fields are always written below (even
 * when missing) so a filter can ask for them directly.
 */
const SKIPPED_PATHS = new Set([
  'attachments',
  'relations',
  'status',
  'metadata.name',
  'metadata.namespace',
  'metadata.uid',
  'metadata.etag',
]);

/**
 * Both columns are indexed; long keys are dropped and long values stored as null (the key still
 * matches an "exists" filter), as Backstage does, so index entries stay small on both databases.
 */
export const MAX_SEARCH_KEY_LENGTH = 200;
export const MAX_SEARCH_VALUE_LENGTH = 200;

type Leaf = { key: string; value: string | number | boolean | null };

/**
 * Flattens a final (stitched) entity into the rows of `catalog_search`, Backstage's way:
 *
 * - keys are dotted paths, lower-cased (`metadata.annotations.backstage.io/orphan`: a dot inside
 *   an annotation key stays as it is, so the path simply reads on);
 * - every array item gets a row under the array's path (`metadata.tags` = `java`), and a string
 *   item also gets a "flag" row `metadata.tags.java` = `true`, so one filter can require several
 *   items at once;
 * - each relation gives `relations.<type>` = target ref (`relations.ownedby` = `group:default/a`);
 * - `metadata.name`, `metadata.namespace` (defaulted) and `metadata.uid` (= `entityId`) always;
 * - values are lower-cased in `value`; `original_value` keeps the case for facets and sorting;
 *   null and missing leaves are kept as null rows so "exists" filters see them.
 *
 * One row per (key, lower-cased value): `tags: [Java, java]` keeps the first spelling. Sorting
 * and counting rely on that. Throws InputError when two keys differ only in case
 * (`spec.foo` and `spec.Foo`): they would collide in the lower-cased table, and Backstage rejects
 * such entities the same way. The stitcher records it as the entity's processing error.
 */
export function buildSearchRows(entityId: string, finalEntity: Entity): SearchRow[] {
  const leaves: Leaf[] = [];
  walk('', finalEntity, leaves, new Set());

  leaves.push({ key: 'metadata.name', value: finalEntity.metadata.name });
  leaves.push({ key: 'metadata.namespace', value: finalEntity.metadata.namespace ?? DEFAULT_NAMESPACE });
  leaves.push({ key: 'metadata.uid', value: entityId });
  for (const relation of finalEntity.relations ?? []) {
    leaves.push({ key: `relations.${relation.type}`, value: relation.targetRef });
  }

  assertNoCaseCollisions(leaves);
  return toRows(entityId, leaves);
}

/** `flagKeys` holds the lower-cased flag keys written so far, so `[Java, java]` flags once. */
function walk(path: string, current: unknown, out: Leaf[], flagKeys: Set<string>): void {
  if (SKIPPED_PATHS.has(path)) return;
  if (current === undefined || current === null) {
    out.push({ key: path, value: null });
    return;
  }
  if (typeof current === 'string' || typeof current === 'number' || typeof current === 'boolean') {
    out.push({ key: path, value: current });
    return;
  }
  if (typeof current !== 'object') return;
  if (Array.isArray(current)) {
    for (const item of current) {
      walk(path, item, out, flagKeys);
      if (typeof item !== 'string') continue;
      const flagKey = `${path}.${item}`;
      const lower = flagKey.toLowerCase();
      if (flagKeys.has(lower)) continue;
      flagKeys.add(lower);
      out.push({ key: flagKey, value: true });
    }
    return;
  }
  for (const [key, value] of Object.entries(current)) {
    walk(path ? `${path}.${key}` : key, value, out, flagKeys);
  }
}

function assertNoCaseCollisions(leaves: Leaf[]): void {
  const spellingByLowerKey = new Map<string, string>();
  const collisions = new Set<string>();
  for (const { key } of leaves) {
    const lower = key.toLowerCase();
    const seen = spellingByLowerKey.get(lower);
    if (seen === undefined) spellingByLowerKey.set(lower, key);
    else if (seen !== key) collisions.add(lower);
  }
  if (collisions.size > 0) {
    const list = [...collisions].map((key) => `'${key}'`).join(', ');
    throw new InputError(`Entity has keys that differ only in case: ${list}`);
  }
}

function toRows(entityId: string, leaves: Leaf[]): SearchRow[] {
  const rows: SearchRow[] = [];
  const written = new Set<string>();
  for (const leaf of leaves) {
    const key = leaf.key.toLowerCase();
    if (key.length > MAX_SEARCH_KEY_LENGTH) continue;
    let original: string | null = leaf.value === null ? null : String(leaf.value);
    if (original !== null && original.length > MAX_SEARCH_VALUE_LENGTH) original = null;
    const value = original === null ? null : original.toLowerCase();
    const identity = `${key}\u0000${value ?? '\u0001'}`;
    if (written.has(identity)) continue;
    written.add(identity);
    rows.push({ entity_id: entityId, key, value, original_value: original });
  }
  return rows;
}
