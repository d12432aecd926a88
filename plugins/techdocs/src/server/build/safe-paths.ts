import { realpath } from 'node:fs/promises';
import path from 'node:path';

/**
 * Normalises a relative path written by a docs author (nav entry, link, docs_dir) to POSIX form
 * under a base folder. Returns undefined when it climbs above that folder or is absolute.
 * Backslashes count as separators because browsers treat them so in URLs.
 */
export function normalizeInside(baseRelative: string, written: string): string | undefined {
  const unified = written.replace(/\\/g, '/');
  if (unified.startsWith('/') || /^[a-zA-Z]:/.test(unified)) return undefined;
  const joined = path.posix.normalize(path.posix.join(baseRelative === '' ? '.' : baseRelative, unified));
  if (joined === '..' || joined.startsWith('../')) return undefined;
  return joined === '.' ? '' : joined.replace(/\/$/, '');
}

/** True when `candidate` is `root` or lies beneath it (both absolute, already resolved). */
export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Resolves symlinks and checks the real location is still inside `realRoot`. This is the check
 * that lexical `..` tests miss: a link inside the folder may point anywhere (CVE-2024-26150).
 */
export async function realpathInside(realRoot: string, candidate: string): Promise<string | undefined> {
  const real = await realpath(candidate);
  return isInside(realRoot, real) ? real : undefined;
}
