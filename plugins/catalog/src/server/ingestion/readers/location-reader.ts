import crypto from 'node:crypto';
import path from 'node:path';
import { InputError, NotAllowedError, NotFoundError } from '@portico/model';
import type { LocationSpec } from '../../service/ingestion-api.js';
import { fileText, readLocalFile } from './file-reader.js';
import { globFiles, hasGlob } from './glob.js';
import { gitSourceShown, type FetchedRef, type GitBlob, type GitReader } from './git-reader.js';
import { parseGitTarget, resolveInRepository, stringifyGitTarget, type GitTarget } from './git-target.js';
import { decodeUtf8 } from './read-limits.js';
import { redactUrl, type ReadingPolicy } from './reading-policy.js';
import { readUrl } from './url-reader.js';

export type LocationType = 'file' | 'url' | 'git';
export const LOCATION_TYPES: readonly LocationType[] = ['file', 'url', 'git'];

/** One concrete file or URL a location expands to. */
export interface Source {
  type: LocationType;
  /** Absolute path, URL, or git target without globs. */
  target: string;
  /** `<type>:<target>`: the entities' `backstage.io/managed-by-location`. */
  ref: string;
  /** For git sources: the fetched commit and the blob. */
  git?: { fetched: FetchedRef; blob: GitBlob; target: GitTarget };
}

export type SourceContent =
  | { unchanged: true }
  | { unchanged: false; text: string; hash: string; etag?: string };

/** Per-refresh state: whether the tree is trusted (configured), and each git ref fetched once. */
export interface ReadContext {
  trusted: boolean;
  gitFetches: Map<string, Promise<FetchedRef>>;
}

export interface LocationReaderOptions {
  policy: ReadingPolicy;
  git: GitReader;
  maxBytes: number;
  readTimeoutMs: number;
  maxRedirects: number;
}

export function isLocationType(type: string): type is LocationType {
  return (LOCATION_TYPES as readonly string[]).includes(type);
}

export function sourceHash(bytes: Uint8Array | string): string {
  return crypto.createHash('sha1').update(bytes).digest('hex');
}

/**
 * Reads locations of every type: expands globs into sources, reads a source's text (or learns
 * it is unchanged from its hash or ETag), resolves the targets a file points at relative to it.
 */
export class LocationReader {
  constructor(private readonly options: LocationReaderOptions) {}

  newContext(trusted: boolean): ReadContext {
    return { trusted, gitFetches: new Map() };
  }

  /** The sources a location names: one, or every match of a glob (possibly none). */
  async expand(spec: LocationSpec, context: ReadContext): Promise<Source[]> {
    if (spec.type === 'file') {
      if (!context.trusted) throw new NotAllowedError(`Reading local files (${spec.target}) is only allowed for configured locations`);
      if (!path.isAbsolute(spec.target)) throw new InputError(`File target ${spec.target} must be an absolute path here`);
      const files = hasGlob(spec.target) ? await globFiles(spec.target) : [spec.target];
      return files.map((file) => ({ type: 'file', target: file, ref: `file:${file}` }));
    }
    if (spec.type === 'url') {
      let url: URL;
      try {
        url = new URL(spec.target);
      } catch {
        throw new InputError(`URL target "${spec.target}" is not a valid absolute URL`);
      }
      return [{ type: 'url', target: url.toString(), ref: `url:${url.toString()}` }];
    }
    if (spec.type === 'git') {
      const target = parseGitTarget(spec.target);
      const fetched = await this.fetchGit(target, context);
      const blobs = await this.options.git.list(fetched, target.path);
      if (blobs.length === 0 && !hasGlob(target.path)) {
        throw new NotFoundError(`${target.path} does not exist in git repository ${redactUrl(target.repo)} at ${target.ref}`);
      }
      return blobs.map((blob) => {
        const concrete = { ...target, path: blob.path };
        const text = stringifyGitTarget(concrete);
        return { type: 'git', target: text, ref: `git:${text}`, git: { fetched, blob, target: concrete } };
      });
    }
    throw new InputError(`Unknown location type "${spec.type}"; use file, url or git`);
  }

  /**
   * Reads a source's text. `previous` is what was stored last time: an unchanged git blob or
   * an HTTP 304 answers `{ unchanged: true }` without reading; files are hashed.
   */
  async read(source: Source, previous: { hash?: string | null; etag?: string | null }): Promise<SourceContent> {
    if (source.type === 'file') {
      const bytes = await readLocalFile(source.target, this.options.maxBytes);
      return { unchanged: false, text: fileText(bytes, source.target), hash: sourceHash(bytes) };
    }
    if (source.type === 'url') {
      const result = await readUrl(source.target, {
        policy: this.options.policy,
        maxBytes: this.options.maxBytes,
        timeoutMs: this.options.readTimeoutMs,
        maxRedirects: this.options.maxRedirects,
        ...(previous.etag && previous.hash ? { etag: previous.etag } : {}),
      });
      if (result.unchanged) return { unchanged: true };
      return { unchanged: false, text: result.text, hash: sourceHash(result.text), ...(result.etag ? { etag: result.etag } : {}) };
    }
    const git = source.git;
    if (!git) throw new Error(`Git source ${source.target} was not expanded`);
    if (previous.hash && previous.hash === git.blob.sha) return { unchanged: true };
    const shown = gitSourceShown(git.target);
    const bytes = await this.options.git.read(git.fetched, git.blob, shown);
    return { unchanged: false, text: decodeUtf8(bytes, shown), hash: git.blob.sha };
  }

  /**
   * Where a Location entity in `parent` points: `type` defaults to the parent's, relative
   * targets resolve against the parent. A location read from a URL or a repository may never
   * lead to local files.
   */
  resolveChild(parent: Source, type: string | undefined, target: string): LocationSpec {
    const childType = type ?? parent.type;
    if (!isLocationType(childType)) throw new InputError(`Unknown location type "${childType}"; use file, url or git`);
    if (childType === 'file' && parent.type !== 'file') {
      throw new NotAllowedError(`A location read from ${parent.type === 'url' ? 'a URL' : 'a git repository'} cannot point at local files (${target})`);
    }
    if (childType === 'file') return { type: 'file', target: path.resolve(path.dirname(parent.target), target) };
    if (childType === 'url') {
      const base = parent.type === 'url' ? parent.target : undefined;
      try {
        return { type: 'url', target: new URL(target, base).toString() };
      } catch {
        throw new InputError(`"${target}" is not an absolute URL`);
      }
    }
    if (parent.type === 'git' && parent.git && !/^[a-z]+:\/\//i.test(target)) {
      return { type: 'git', target: stringifyGitTarget(resolveInRepository(parent.git.target, target)) };
    }
    return { type: 'git', target: stringifyGitTarget(parseGitTarget(target)) };
  }

  /**
   * Reads what a `$text`/`$json`/`$yaml` placeholder names: a path relative to the parent
   * source (in the same folder, URL base or repository), or an absolute http(s) URL through the
   * allow list.
   */
  async readRelated(parent: Source, target: string, context: ReadContext): Promise<string> {
    let spec: LocationSpec;
    if (/^https?:\/\//i.test(target)) spec = { type: 'url', target };
    else if (parent.type === 'git') spec = this.resolveChild(parent, 'git', target);
    else spec = this.resolveChild(parent, parent.type, target);
    if (spec.type === 'file' && !context.trusted) throw new NotAllowedError(`Reading local files (${target}) is not allowed here`);
    const [source] = await this.expand(spec, context);
    if (!source) throw new NotFoundError(`${target} does not exist`);
    const content = await this.read(source, {});
    if (content.unchanged) throw new Error(`${target} could not be read`);
    return content.text;
  }

  private fetchGit(target: GitTarget, context: ReadContext): Promise<FetchedRef> {
    const key = `${target.repo}#${target.ref}`;
    let fetched = context.gitFetches.get(key);
    if (!fetched) {
      fetched = this.options.git.fetch(target, context.trusted);
      context.gitFetches.set(key, fetched);
    }
    return fetched;
  }
}
