import fs from 'node:fs/promises';
import { NotFoundError } from '@portico/model';
import { decodeUtf8, tooLargeError } from './read-limits.js';

/**
 * Reads a local file as UTF-8 text. The size is checked before reading, so a huge file is
 * refused without being loaded.
 */
export async function readLocalFile(file: string, maxBytes: number): Promise<Buffer> {
  let size: number;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) throw new NotFoundError(`${file} is not a file`);
    size = stat.size;
  } catch (error) {
    if (error instanceof NotFoundError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new NotFoundError(`File ${file} does not exist`);
    throw new Error(`Could not read ${file}: ${code ?? (error as Error).message}`, { cause: error });
  }
  if (size > maxBytes) throw tooLargeError(`File ${file}`, size, maxBytes);
  const bytes = await fs.readFile(file);
  // The file may have grown between stat and read.
  if (bytes.byteLength > maxBytes) throw tooLargeError(`File ${file}`, bytes.byteLength, maxBytes);
  return bytes;
}

export function fileText(bytes: Uint8Array, file: string): string {
  return decodeUtf8(bytes, `File ${file}`);
}
