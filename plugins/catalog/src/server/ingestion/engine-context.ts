import crypto from 'node:crypto';
import type { KindDefinition } from '@portico/model';
import type { DatabaseDialect, EventsService, Logger } from '@portico/server';
import type { Kysely } from 'kysely';
import type { CatalogConfig } from '../config.js';
import type { CatalogTables } from '../database/tables.js';
import type { LocationSpec } from '../service/ingestion-api.js';
import type { CatalogRules } from './process/rules.js';
import { LOCATION_TYPES, type LocationReader, type LocationType } from './readers/location-reader.js';
import type { Stitcher } from './stitcher.js';
import type { TreeRefreshOptions } from './tree/refresh-tree.js';
import type { TreeRoot } from './tree/tree-walker.js';

/** What the parts of the ingestion engine share. */
export interface EngineContext {
  db: Kysely<CatalogTables>;
  dialect: DatabaseDialect;
  logger: Logger;
  events: EventsService;
  config: CatalogConfig;
  baseDir: string;
  replicaId: string;
  reader: LocationReader;
  rules: CatalogRules;
  kinds: readonly KindDefinition[];
  allowedKinds: readonly string[];
  stitcher: Stitcher;
  /** Hash of the processing config: a change makes every source be parsed again. */
  fingerprint: string;
  intervalMs: number;
  leaseMs: number;
  batchSize: number;
  now: () => number;
}

export function processingFingerprint(config: CatalogConfig, kinds: readonly KindDefinition[]): string {
  const input = JSON.stringify({
    version: 1,
    rules: config.rules ?? null,
    locationRules: config.locations.map((location) => [location.type, location.target, location.rules ?? null]),
    allowedLocationTypes: config.allowedLocationTypes,
    limits: [config.limits.maxDepth, config.limits.maxAliasExpansion, config.limits.maxFileBytes],
    kinds: kinds.map((kind) => [kind.kind, kind.apiVersions]),
  });
  return crypto.createHash('sha1').update(input).digest('hex').slice(0, 12);
}

/** `<type>:<target>` back into its parts (the type never holds a colon). */
export function parseLocationKey(key: string): LocationSpec | undefined {
  const colon = key.indexOf(':');
  if (colon <= 0) return undefined;
  return { type: key.slice(0, colon), target: key.slice(colon + 1) };
}

/** Whether a tree may read local files: configured trees, or when the API may register files. */
export function isTrusted(context: EngineContext, source: 'api' | 'config'): boolean {
  return source === 'config' || context.config.allowedLocationTypes.includes('file');
}

export function treeRoot(context: EngineContext, spec: LocationSpec, source: 'api' | 'config'): TreeRoot {
  const allowedTypes: readonly LocationType[] = source === 'config' ? LOCATION_TYPES : context.config.allowedLocationTypes;
  return { spec, originKey: `${spec.type}:${spec.target}`, allowedTypes };
}

/** The options every tree refresh shares. */
export function treeOptions(
  context: EngineContext,
  spec: LocationSpec,
  source: 'api' | 'config',
  mode: { dryRun: boolean; collect: boolean; reuse: boolean; onProgress?: () => Promise<void> },
): TreeRefreshOptions {
  return {
    db: context.db,
    dialect: context.dialect,
    reader: context.reader,
    root: treeRoot(context, spec, source),
    trusted: isTrusted(context, source),
    fingerprint: context.fingerprint,
    rules: context.rules,
    kinds: context.kinds,
    allowedKinds: context.allowedKinds,
    limits: context.config.limits,
    orphanStrategy: context.config.orphanStrategy,
    batchSize: context.batchSize,
    now: context.now,
    ...mode,
  };
}

/** The next refresh: the interval stretched by a random 0–50 %, so replicas and locations spread out. */
export function jitteredInterval(intervalMs: number): number {
  return Math.round(intervalMs * (1 + Math.random() * 0.5));
}

/** Location problems as stored in last_error: one per line, bounded. */
export function formatLocationErrors(problems: readonly string[]): string | null {
  if (problems.length === 0) return null;
  const shown = problems.slice(0, 100).map((line) => (line.length > 2000 ? `${line.slice(0, 2000)}…` : line));
  if (problems.length > shown.length) shown.push(`… and ${problems.length - shown.length} more problems`);
  return shown.join('\n');
}
