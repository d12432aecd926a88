import type { Entity, KindDefinition } from '@portico/model';
import type { DatabaseDialect } from '@portico/server';
import type { Kysely } from 'kysely';
import type { CatalogLimits } from '../../config.js';
import type { CatalogTables } from '../../database/tables.js';
import type { RemovedEntity } from '../../database/operations/ingestion/delete-entities.js';
import { loadSources, saveSource } from '../../database/operations/ingestion/sources.js';
import { withTransactionRetry } from '../../database/operations/ingestion/sql-helpers.js';
import type { CatalogRules } from '../process/rules.js';
import type { LocationReader } from '../readers/location-reader.js';
import { EntitySink } from './entity-sink.js';
import { sweepOrphans } from './orphan-sweep.js';
import { walkLocationTree, type TreeRoot } from './tree-walker.js';

export interface TreeRefreshOptions {
  db: Kysely<CatalogTables>;
  dialect: DatabaseDialect;
  reader: LocationReader;
  root: TreeRoot;
  /** Configured trees may read local files and file:// repositories. */
  trusted: boolean;
  dryRun: boolean;
  collect: boolean;
  reuse: boolean;
  fingerprint: string;
  rules: CatalogRules;
  kinds: readonly KindDefinition[];
  allowedKinds: readonly string[];
  limits: CatalogLimits;
  orphanStrategy: 'keep' | 'delete';
  batchSize: number;
  now: () => number;
  onProgress?: () => Promise<void>;
}

export interface TreeRefreshResult {
  rootFailed: boolean;
  rootError?: Error;
  /** Problems that belong to the location (one line each); entity problems are on the entities. */
  problems: string[];
  entities: Entity[];
  counts: { added: number; changed: number; statusChanged: number; unchanged: number; removed: number; orphaned: number };
  removed: RemovedEntity[];
  rootHash: string | null;
  /** A conflict's owner in this same tree went away in the sweep: read the tree again soon. */
  rerunSoon: boolean;
}

/**
 * One read of a location tree: walk it (storing entities in batches), remember what each source
 * emitted, then sweep the tree's orphans, unless the root could not be read at all.
 */
export async function refreshTree(options: TreeRefreshOptions): Promise<TreeRefreshResult> {
  const originKey = options.root.originKey;
  const previous = options.dryRun ? new Map() : await loadSources(options.db, originKey);
  const sink = new EntitySink({ db: options.db, dialect: options.dialect, originKey, dryRun: options.dryRun, collect: options.collect, batchSize: options.batchSize, now: options.now });
  const walk = await walkLocationTree({
    reader: options.reader,
    context: options.reader.newContext(options.trusted),
    root: options.root,
    previous,
    reuse: options.reuse,
    fingerprint: options.fingerprint,
    rules: options.rules,
    kinds: options.kinds,
    allowedKinds: options.allowedKinds,
    limits: options.limits,
    sink,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  await sink.flush();
  for (const key of sink.sourcesWithProblems) {
    const source = walk.sources.get(key);
    if (source) source.reusable = false;
  }
  const problems = [...walk.problems, ...sink.problems];
  const counts = { ...sink.counts, removed: 0, orphaned: 0 };
  const result: TreeRefreshResult = { rootFailed: walk.rootFailed, ...(walk.rootError ? { rootError: walk.rootError } : {}), problems, entities: sink.collected, counts, removed: [], rootHash: walk.rootHash, rerunSoon: false };
  if (options.dryRun) return result;

  const now = options.now();
  await withTransactionRetry(() =>
    options.db.transaction().execute(async (trx) => {
      for (const source of walk.sources.values()) await saveSource(trx, originKey, source, now);
    }),
  );
  if (walk.rootFailed) return result;

  const sweep = await sweepOrphans(options.db, { dialect: options.dialect, originKey, previous, walk, emitted: sink.emitted, strategy: options.orphanStrategy, now });
  result.removed = sweep.removed;
  counts.removed = sweep.removed.length;
  counts.orphaned = sweep.orphaned.length;
  const gone = new Set([...sweep.removed.map((entity) => entity.entityRef), ...sweep.orphaned]);
  result.rerunSoon = sink.conflicts.some((conflict) => conflict.ownerOriginKey === originKey && gone.has(conflict.entityRef));
  return result;
}
