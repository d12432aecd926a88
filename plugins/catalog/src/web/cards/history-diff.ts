import type { EntityHistoryChange } from '../../common/contracts.js';

/** One line of a change, for people: `spec.lifecycle: experimental → production`. */
export interface ChangeLine {
  /** Dotted path, `spec.lifecycle`, `metadata.tags[1]`. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  from?: string;
  to?: string;
}

/** `/metadata/annotations/backstage.io~1view-url` → `metadata.annotations["backstage.io/view-url"]`. */
export function pointerToPath(pointer: string): string {
  const segments = pointer
    .split('/')
    .slice(1)
    // The server writes a change of the whole entity as `/`.
    .filter((segment) => segment !== '')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  let path = '';
  for (const segment of segments) {
    // `-` is "an item of this list" (added or removed without a position).
    if (segment === '-') continue;
    if (/^\d+$/.test(segment)) path += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) path += path === '' ? segment : `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path === '' ? '(entity)' : path;
}

/** A value in one short line: strings as they are, the rest as compact JSON, cut at `max`. */
export function shortValue(value: unknown, max = 80): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The diff of a history item as lines; relations and the etag are left to the relations view. */
export function changeLines(diff: readonly EntityHistoryChange[]): ChangeLine[] {
  const lines: ChangeLine[] = [];
  for (const change of diff) {
    const path = pointerToPath(change.path);
    if (path.startsWith('relations') || path === 'metadata.etag' || path === 'metadata.uid') continue;
    if (change.op === 'add') lines.push({ path, kind: 'added', to: shortValue(change.to) });
    else if (change.op === 'remove') lines.push({ path, kind: 'removed', ...(change.from === undefined ? {} : { from: shortValue(change.from) }) });
    else lines.push({ path, kind: 'changed', ...(change.from === undefined ? {} : { from: shortValue(change.from) }), to: shortValue(change.to) });
  }
  return lines;
}

/** How many relations a change added and removed. */
export function relationChanges(diff: readonly EntityHistoryChange[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const change of diff) {
    if (!change.path.startsWith('/relations')) continue;
    const count = change.path === '/relations' ? (Array.isArray(change.to) ? change.to.length : Array.isArray(change.from) ? change.from.length : 1) : 1;
    if (change.op === 'add') added += count;
    else if (change.op === 'remove') removed += count;
    else {
      added += 1;
      removed += 1;
    }
  }
  return { added, removed };
}

/** `location:file:/path/catalog-info.yaml` → `{ label: 'file', target: '/path/catalog-info.yaml' }`. */
export function describeSource(source: string | null): { label: string; target: string } | undefined {
  if (source === null) return undefined;
  const withoutPrefix = source.startsWith('location:') ? source.slice('location:'.length) : source;
  const colon = withoutPrefix.indexOf(':');
  if (colon === -1) return { label: 'source', target: withoutPrefix };
  return { label: withoutPrefix.slice(0, colon), target: withoutPrefix.slice(colon + 1) };
}
