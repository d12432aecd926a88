import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { InputError } from '@portico/model';
import { resolveInsideRoot } from '../paths/workspace-paths.js';
import type { TemplateInfo } from './types.js';

/** The folder a template lives in, from its `baseUrl` (a `file:` URL or a local path). */
export function templateBaseDirectory(templateInfo: TemplateInfo): string {
  const baseUrl = templateInfo.baseUrl;
  if (!baseUrl) {
    throw new InputError('This template has no location to fetch from (templateInfo.baseUrl is not set)');
  }
  if (baseUrl.startsWith('file:')) return fileURLToPath(baseUrl);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(baseUrl)) {
    throw new InputError(`Templates at "${baseUrl}" cannot be fetched yet; only templates in local folders (file: URLs) are supported`);
  }
  return path.resolve(baseUrl);
}

/** A `file:` URL for a folder, ending in "/", as `templateInfo.baseUrl` expects. */
export function directoryToBaseUrl(directory: string): string {
  const url = pathToFileURL(path.resolve(directory)).href;
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * Resolves a fetch action's `url` against the template's own folder. Only places inside that
 * folder are allowed: a template cannot copy host files by pointing at `../../etc` or at an
 * absolute path, nor through a symlink that leads out.
 */
export async function resolveTemplateSource(
  templateInfo: TemplateInfo,
  url: string,
  expect: 'directory' | 'file',
): Promise<string> {
  const base = templateBaseDirectory(templateInfo);
  let relative = url;
  if (url.startsWith('file:')) {
    relative = path.relative(base, fileURLToPath(url));
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    throw new InputError(`Fetching "${url}" is not supported yet; use a path relative to the template`);
  }
  let resolved: string;
  try {
    resolved = await resolveInsideRoot(base, relative);
  } catch (error) {
    throw new InputError(`Cannot fetch "${url}": ${(error as Error).message.replace(/^Path /, 'path ')} of the template folder`);
  }
  let stats;
  try {
    stats = await stat(resolved);
  } catch {
    throw new InputError(`Cannot fetch "${url}": there is no such ${expect} next to the template`);
  }
  if (expect === 'directory' && !stats.isDirectory()) throw new InputError(`Cannot fetch "${url}": it is a file, not a folder`);
  if (expect === 'file' && !stats.isFile()) throw new InputError(`Cannot fetch "${url}": it is not a file`);
  return resolved;
}
