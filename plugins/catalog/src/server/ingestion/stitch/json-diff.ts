/** One change between two JSON documents; `path` is a JSON pointer (`/metadata/tags/0`). */
export interface JsonChange {
  op: 'add' | 'remove' | 'replace';
  path: string;
  from?: unknown;
  to?: unknown;
}

/** Fields that change on every write and say nothing to a reader of the history. */
const IGNORED = new Set(['/metadata/etag']);

/**
 * The changes from `before` to `after`. Objects are compared key by key; arrays of the same
 * length item by item; arrays whose length changed as a set (items removed, then items added,
 * under `<path>/-`), which keeps the diff of a long relation list short when one relation
 * comes or goes.
 */
export function diffJson(before: unknown, after: unknown): JsonChange[] {
  const changes: JsonChange[] = [];
  compare(before, after, '', changes);
  return changes;
}

function compare(before: unknown, after: unknown, path: string, out: JsonChange[]): void {
  if (IGNORED.has(path)) return;
  if (before === after) return;
  if (isObject(before) && isObject(after)) {
    for (const key of Object.keys(before)) {
      const child = `${path}/${escape(key)}`;
      if (!(key in after)) {
        if (!IGNORED.has(child)) out.push({ op: 'remove', path: child, from: before[key] });
      } else compare(before[key], after[key], child, out);
    }
    for (const key of Object.keys(after)) {
      const child = `${path}/${escape(key)}`;
      if (!(key in before) && !IGNORED.has(child)) out.push({ op: 'add', path: child, to: after[key] });
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (before.length === after.length) {
      before.forEach((item, index) => compare(item, after[index], `${path}/${index}`, out));
      return;
    }
    const beforeKeys = new Map(before.map((item) => [JSON.stringify(item), item]));
    const afterKeys = new Map(after.map((item) => [JSON.stringify(item), item]));
    for (const [key, item] of beforeKeys) if (!afterKeys.has(key)) out.push({ op: 'remove', path: `${path}/-`, from: item });
    for (const [key, item] of afterKeys) if (!beforeKeys.has(key)) out.push({ op: 'add', path: `${path}/-`, to: item });
    return;
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  out.push({ op: 'replace', path: path || '/', from: before, to: after });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
