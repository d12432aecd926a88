import { InputError } from '@portico/model';

/** Deeper than this, a search is a crawl; counts stop here too (see COUNT_CAP). */
export const MAX_OFFSET = 1000;

/** Page cursors are opaque to clients: the offset of the page's first result. */
export function encodePageCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64url');
}

export function decodePageCursor(cursor: string): number {
  let offset: unknown;
  try {
    offset = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { offset?: unknown }).offset;
  } catch {
    offset = undefined;
  }
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) {
    throw new InputError('pageCursor: not a cursor this server issued');
  }
  return offset;
}
