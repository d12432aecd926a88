import { InputError, NotAllowedError, NotFoundError, ServiceUnavailableError, type KindDefinition } from '@portico/model';
import type { CatalogLimits } from '../../config.js';
import type { StoredSource } from '../../database/operations/ingestion/sources.js';
import type { LocationSpec } from '../../service/ingestion-api.js';
import { parseYamlDocuments, YamlParseError } from '../parse/parse-yaml.js';
import { substitutePlaceholders } from '../parse/substitutions.js';
import { YamlPositions } from '../parse/yaml-positions.js';
import { processDocument } from '../process/process-document.js';
import { describeProblem } from '../process/problems.js';
import type { CatalogRules } from '../process/rules.js';
import type { LocationReader, LocationType, ReadContext, Source, SourceContent } from '../readers/location-reader.js';
import type { EntitySink } from './entity-sink.js';

/** A location a file points at, resolved against that file. */
export type ChildLocation = LocationSpec & { optional?: boolean };

export interface TreeRoot {
  spec: LocationSpec;
  /** `<type>:<target>` of the root. */
  originKey: string;
  /** Location types the tree may lead to (registered trees: catalog.allowedLocationTypes). */
  allowedTypes: readonly LocationType[];
}

export interface TreeWalkOptions {
  reader: LocationReader;
  context: ReadContext;
  root: TreeRoot;
  /** What the last read of this tree stored, by source key. */
  previous: Map<string, StoredSource>;
  /** Skip sources whose content (and the processing config) did not change. */
  reuse: boolean;
  /** Changes whenever the processing config does; part of every stored content hash. */
  fingerprint: string;
  rules: CatalogRules | null;
  kinds: readonly KindDefinition[];
  allowedKinds: readonly string[];
  limits: CatalogLimits;
  sink: EntitySink;
  /** Called after each source, e.g. to renew a lease. */
  onProgress?: () => Promise<void>;
}

export interface TreeWalkResult {
  /** The state of every source read (or reused) this time. */
  sources: Map<string, StoredSource>;
  /** Sources that could not be read or parsed: their entities are kept as they are. */
  failed: Set<string>;
  /** Sources (or '' for the root) whose child locations could not all be expanded. */
  incomplete: Set<string>;
  /** The root itself could not be read: nothing is known about the tree. */
  rootFailed: boolean;
  /** Why the root could not be read (keeps the error's type, e.g. NotFoundError). */
  rootError?: Error;
  /** Problems that belong to the location, one line each. */
  problems: string[];
  /** Content hash of the root's first source. */
  rootHash: string | null;
}

interface Pending {
  spec: ChildLocation;
  /** The file that pointed here (undefined for the root). */
  parent?: { source: Source; key: string; file: string };
  chain: string[];
}

/**
 * Reads a location tree breadth first: the root, then the locations its Location entities
 * point at, each file once. Every document goes to the sink; each source's outcome is kept for
 * the next read (hash, emitted refs, children). A location that leads back to one of its own
 * ancestors is reported and not read again; one that cannot be read is reported and its
 * entities are left alone.
 */
export async function walkLocationTree(options: TreeWalkOptions): Promise<TreeWalkResult> {
  const { reader, root, sink, limits } = options;
  const result: TreeWalkResult = { sources: new Map(), failed: new Set(), incomplete: new Set(), rootFailed: false, problems: [], rootHash: null };
  const visited = new Set<string>();
  const queue: Pending[] = [{ spec: root.spec, chain: [] }];

  while (queue.length > 0) {
    const pending = queue.shift() as Pending;
    const parentKey = pending.parent?.key ?? null;
    let sources: Source[];
    try {
      sources = await reader.expand(pending.spec, options.context);
    } catch (error) {
      if (pending.spec.optional && (error as Error).name === 'NotFoundError') continue;
      result.incomplete.add(parentKey ?? '');
      if (!pending.parent) {
        result.rootFailed = true;
        result.rootError = error as Error;
      }
      result.problems.push(`${pending.parent ? `${pending.parent.file}: ` : ''}${(error as Error).message}`);
      continue;
    }
    for (const source of sources) {
      const key = `location:${source.ref}`;
      if (pending.chain.includes(key)) {
        const cycle = [...pending.chain.slice(pending.chain.indexOf(key)), key].map(shownKey).join(' → ');
        result.problems.push(`${pending.parent?.file ?? source.target}: location ${pending.spec.type}:${pending.spec.target} leads back to ${source.target}, which includes it (${cycle}); a location cannot include itself (rule locationLoop)`);
        continue;
      }
      if (visited.has(key)) continue;
      if (pending.chain.length >= limits.maxLocationDepth) {
        result.problems.push(`${pending.parent?.file ?? source.target}: ${source.target} is more than ${limits.maxLocationDepth} locations deep (catalog.limits.maxLocationDepth)`);
        result.incomplete.add(parentKey ?? '');
        continue;
      }
      visited.add(key);
      const children = await readSource(options, result, source, key, parentKey, pending.spec.optional === true);
      if (!pending.parent && result.rootHash === null) result.rootHash = result.sources.get(key)?.contentHash ?? null;
      if (!pending.parent && result.failed.has(key) && sources.length === 1) result.rootFailed = true;
      const chain = [...pending.chain, key];
      for (const child of children) queue.push({ spec: child, parent: { source, key, file: source.target }, chain });
      await options.onProgress?.();
      if (sink.emitted.size > limits.maxEntitiesPerLocation) {
        result.problems.push(`${source.target}: the location holds more than ${limits.maxEntitiesPerLocation} entities; the rest is not read (catalog.limits.maxEntitiesPerLocation)`);
        result.incomplete.add(key);
        return result;
      }
    }
  }
  return result;
}

/** Reads, parses and processes one source; returns the locations it points at. */
async function readSource(
  options: TreeWalkOptions,
  result: TreeWalkResult,
  source: Source,
  key: string,
  parentKey: string | null,
  optional: boolean,
): Promise<ChildLocation[]> {
  const { reader, sink } = options;
  const stored = options.previous.get(key);
  const prefix = `${options.fingerprint}:`;
  const previousHash = stored?.contentHash?.startsWith(prefix) ? stored.contentHash.slice(prefix.length) : null;
  const fail = (message: string, error?: Error): ChildLocation[] => {
    if (parentKey === null && !result.rootError) result.rootError = sameKindOfError(error, message);
    result.failed.add(key);
    result.problems.push(message);
    result.sources.set(key, { ...(stored ?? emptySource(key)), parentKey, reusable: false, lastError: message });
    return [];
  };

  let content: SourceContent;
  try {
    content = await reader.read(source, { hash: previousHash, etag: stored?.httpEtag ?? null });
  } catch (error) {
    if (optional && (error as Error).name === 'NotFoundError') return [];
    return fail((error as Error).message, error as Error);
  }
  const unchanged = content.unchanged || content.hash === previousHash;
  if (unchanged && stored?.reusable && options.reuse) {
    for (const ref of stored.emittedRefs) sink.emitted.add(ref);
    sink.counts.unchanged += stored.emittedRefs.length;
    result.sources.set(key, { ...stored, parentKey, lastError: null });
    return stored.children;
  }
  if (content.unchanged) {
    try {
      content = await reader.read(source, {});
    } catch (error) {
      return fail((error as Error).message, error as Error);
    }
    if (content.unchanged) return fail(`${source.target} could not be read`);
  }

  let documents;
  try {
    documents = parseYamlDocuments(content.text, options.limits);
  } catch (error) {
    if (!(error instanceof YamlParseError)) throw error;
    const where = [source.target, error.line, error.line === undefined ? undefined : error.column].filter((part) => part !== undefined).join(':');
    return fail(`${where}: ${error.message}`, new InputError(error.message));
  }

  const positions = new YamlPositions(content.text);
  const hasPlaceholders = content.text.includes('$');
  const emittedRefs: string[] = [];
  const children: ChildLocation[] = [];
  let clean = true;
  let substituted = 0;
  for (const document of documents) {
    let value = document.value;
    const locate = (path: readonly (string | number)[]) => positions.locate(document.index, path, nameOf(value));
    let earlier: { messages: string[]; paths: Array<readonly (string | number)[]> } = { messages: [], paths: [] };
    if (hasPlaceholders) {
      const substitution = await substitutePlaceholders(value, (target) => reader.readRelated(source, target, options.context), options.limits);
      value = substitution.value;
      substituted += substitution.substituted + substitution.problems.length;
      earlier = {
        messages: substitution.problems.map((problem) =>
          describeProblem({ file: source.target, entityRef: guessRef(value), path: problem.path, rule: 'substitution', message: problem.message, locate }),
        ),
        paths: substitution.problems.map((problem) => problem.path),
      };
    }
    const outcome = processDocument(value, { source, origin: options.root.spec, rules: options.rules, kinds: options.kinds, allowedKinds: options.allowedKinds, locate }, earlier);
    if (!outcome.ok) clean = false;
    if (outcome.ref) emittedRefs.push(outcome.ref);
    await sink.add({ sourceKey: key, file: source.target, outcome });
    if (!outcome.ok) continue;
    for (const target of outcome.locationTargets) {
      try {
        const child = reader.resolveChild(source, target.type, target.target);
        if (!options.root.allowedTypes.includes(child.type as LocationType)) {
          throw new Error(`location type ${child.type} is not allowed here (catalog.allowedLocationTypes: ${options.root.allowedTypes.join(', ')})`);
        }
        children.push({ ...child, ...(target.optional ? { optional: true } : {}) });
      } catch (error) {
        clean = false;
        result.problems.push(
          describeProblem({ file: source.target, entityRef: outcome.ref, path: ['spec', 'target'], rule: 'locationTarget', message: `${target.target}: ${(error as Error).message}`, locate }),
        );
      }
    }
  }
  result.sources.set(key, {
    sourceKey: key,
    parentKey,
    contentHash: `${options.fingerprint}:${content.hash}`,
    httpEtag: content.etag ?? null,
    reusable: clean && substituted === 0,
    emittedRefs,
    children,
    lastError: null,
  });
  return children;
}

function emptySource(key: string): StoredSource {
  return { sourceKey: key, parentKey: null, contentHash: null, httpEtag: null, reusable: false, emittedRefs: [], children: [], lastError: null };
}

function nameOf(value: unknown): string | undefined {
  const name = (value as { metadata?: { name?: unknown } } | null)?.metadata?.name;
  return typeof name === 'string' ? name : undefined;
}

function guessRef(value: unknown): string | undefined {
  const record = value as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null;
  if (typeof record?.kind !== 'string' || typeof record.metadata?.name !== 'string') return undefined;
  const namespace = typeof record.metadata.namespace === 'string' ? record.metadata.namespace : 'default';
  return `${record.kind}:${namespace}/${record.metadata.name}`.toLowerCase();
}

function shownKey(key: string): string {
  const ref = key.startsWith('location:') ? key.slice('location:'.length) : key;
  return ref.slice(ref.indexOf(':') + 1);
}

/** The error to answer a registration with: the reader's error type, the full message. */
function sameKindOfError(error: Error | undefined, message: string): Error {
  switch (error?.name) {
    case 'InputError':
      return new InputError(message);
    case 'NotFoundError':
      return new NotFoundError(message);
    case 'NotAllowedError':
      return new NotAllowedError(message);
    case 'ServiceUnavailableError':
      return new ServiceUnavailableError(message);
    default:
      return new Error(message);
  }
}
