import { InputError } from '@portico/model';

/** Turns bytes into text, refusing what is not UTF-8 (a byte-order mark is dropped). */
export function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    throw new InputError(`${what} is not valid UTF-8 text`);
  }
}

export function tooLargeError(what: string, size: number | undefined, maxBytes: number): InputError {
  const actual = size === undefined ? 'larger than' : `${size} bytes, more than`;
  return new InputError(`${what} is ${actual} the limit of ${maxBytes} bytes (catalog.limits.maxFileBytes)`);
}
