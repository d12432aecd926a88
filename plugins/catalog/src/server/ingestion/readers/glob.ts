import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Small glob support for location targets: `*` and `?` within one path segment, `**` for any
 * number of folders, `{a,b}` for alternatives. Paths use `/`.
 */
export function hasGlob(pattern: string): boolean {
  return /[*?{]/.test(pattern);
}

export function globToRegExp(pattern: string): RegExp {
  let out = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    if (char === '*') {
      if (pattern[index + 1] === '*') {
        const atSegmentStart = index === 0 || pattern[index - 1] === '/';
        const atSegmentEnd = index + 2 === pattern.length || pattern[index + 2] === '/';
        if (atSegmentStart && atSegmentEnd) {
          // `**/` matches zero or more whole folders; a trailing `**` matches everything below.
          if (pattern[index + 2] === '/') {
            out += '(?:[^/]*/)*';
            index += 2;
          } else {
            out += '.*';
            index += 1;
          }
          continue;
        }
      }
      out += '[^/]*';
    } else if (char === '?') {
      out += '[^/]';
    } else if (char === '{') {
      const close = pattern.indexOf('}', index);
      if (close === -1) {
        out += '\\{';
        continue;
      }
      const options = pattern.slice(index + 1, close).split(',');
      out += `(?:${options.map((option) => globToRegExp(option).source.slice(1, -1)).join('|')})`;
      index = close;
    } else {
      out += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${out}$`);
}

/** The folder part of a pattern before its first segment with a glob character. */
export function globBase(pattern: string): string {
  const segments = pattern.split('/');
  const firstGlob = segments.findIndex(hasGlob);
  return firstGlob === -1 ? pattern : segments.slice(0, firstGlob).join('/') || '/';
}

/** Folders a `**` walk never enters: they are never catalog sources and can be huge. */
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);

/**
 * Files on disk matching an absolute pattern, sorted. Symbolic links to folders are not
 * followed (no loops); at most `maxFiles` matches, beyond which the read fails.
 */
export async function globFiles(pattern: string, options: { maxFiles?: number } = {}): Promise<string[]> {
  const absolute = pattern.split(path.sep).join('/');
  const base = globBase(absolute);
  const matcher = globToRegExp(absolute);
  const maxFiles = options.maxFiles ?? 10_000;
  const found: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = dir.endsWith('/') ? `${dir}${entry.name}` : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) await visit(full);
      } else if ((entry.isFile() || entry.isSymbolicLink()) && matcher.test(full)) {
        found.push(full);
        if (found.length > maxFiles) {
          throw new Error(`The pattern ${pattern} matches more than ${maxFiles} files`);
        }
      }
    }
  };
  await visit(base);
  return found.sort().map((file) => file.split('/').join(path.sep));
}
