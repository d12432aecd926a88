import type { LocationSpec } from '../../common/contracts.js';

/**
 * What the user typed, as a location: an http(s) URL is a `url` location, a `git+` or
 * `.git` address a `git` location, anything else a path the server reads (`file`).
 */
export function locationFromInput(input: string): LocationSpec | undefined {
  const target = input.trim();
  if (target === '') return undefined;
  if (/^git\+/i.test(target)) return { type: 'git', target: target.replace(/^git\+/i, '') };
  if (/^https?:\/\//i.test(target)) return /\.git(#.*)?$/i.test(target) ? { type: 'git', target } : { type: 'url', target };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return undefined;
  return { type: 'file', target };
}
