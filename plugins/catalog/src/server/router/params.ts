import { InputError, stringifyEntityRef } from '@portico/model';

/** A query parameter given once or repeated, as a list (empty when absent). */
export function listParam(value: string | readonly string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
}

/** A parameter that may be comma-separated and repeated (`a,b&x=c`), trimmed, without empties. */
export function commaListParam(value: string | readonly string[] | undefined): string[] {
  return listParam(value)
    .flatMap((item) => item.split(','))
    .map((item) => item.trim())
    .filter(Boolean);
}

/** The stored ref of `/:kind/:namespace/:name` (lower-cased). */
export function refFromPath(params: { kind: string; namespace: string; name: string }): string {
  return stringifyEntityRef({ kind: params.kind, namespace: params.namespace, name: params.name });
}

/** Small opaque cursors (history, locations): base64 of JSON, validated by the caller. */
export function encodeSmallCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

export function decodeSmallCursor<T>(value: string, check: (parsed: unknown) => parsed is T, parameter = 'cursor'): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
  } catch {
    throw new InputError(`Invalid ${parameter}: not a cursor this server issued`);
  }
  if (!check(parsed)) throw new InputError(`Invalid ${parameter}: not a cursor this server issued`);
  return parsed;
}
