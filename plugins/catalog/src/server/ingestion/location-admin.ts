import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '@portico/model';
import { findLocationById, findLocationBySpec, insertLocation, type LocationRow } from '../database/operations/ingestion/locations.js';
import type { LocationSpec, RegisterLocationResult, StoredLocation } from '../service/ingestion-api.js';
import { treeOptions, type EngineContext } from './engine-context.js';
import { refreshClaimedLocation, retryConflictedLocations } from './location-refresher.js';
import { resolveTarget } from './process/rules.js';
import { parseGitTarget, stringifyGitTarget } from './readers/git-target.js';
import { isLocationType } from './readers/location-reader.js';
import { removeOriginEntities } from './remove-origin.js';
import { refreshTree } from './tree/refresh-tree.js';

/** The canonical form of a target, so the same location is never registered twice under two spellings. */
export function normalizeLocation(spec: LocationSpec, baseDir: string): LocationSpec {
  if (!isLocationType(spec.type)) throw new InputError(`Unknown location type "${spec.type}"; use url, git or file`);
  const target = spec.target.trim();
  if (!target) throw new InputError('A location needs a target');
  if (spec.type === 'url') {
    try {
      return { type: 'url', target: new URL(target).toString() };
    } catch {
      throw new InputError(`"${target}" is not an absolute URL`);
    }
  }
  if (spec.type === 'git') return { type: 'git', target: stringifyGitTarget(parseGitTarget(target)) };
  return { type: 'file', target: path.normalize(resolveTarget('file', target, baseDir)) };
}

function toStored(row: Pick<LocationRow, 'id' | 'type' | 'target'>): StoredLocation {
  return { id: row.id, type: row.type, target: row.target };
}

/**
 * Registers a location through the API: reads its tree now and stores its entities (or, for a
 * dry run, only reads and judges them). A location that cannot be read is not registered.
 */
export async function registerLocation(context: EngineContext, raw: LocationSpec, options: { dryRun: boolean }): Promise<RegisterLocationResult> {
  if (context.config.readonly && !options.dryRun) throw new NotAllowedError('The catalog is read-only (catalog.readonly): locations cannot be registered');
  const spec = normalizeLocation(raw, context.baseDir);
  if (!(context.config.allowedLocationTypes as readonly string[]).includes(spec.type)) {
    throw new NotAllowedError(
      `Locations of type ${spec.type} cannot be registered; allowed types: ${context.config.allowedLocationTypes.join(', ')} (catalog.allowedLocationTypes)`,
    );
  }
  const existing = await findLocationBySpec(context.db, spec);
  if (options.dryRun) {
    const result = await refreshTree(treeOptions(context, spec, 'api', { dryRun: true, collect: true, reuse: false }));
    if (result.rootFailed) throw result.rootError ?? new InputError(result.problems.join('\n'));
    return { location: existing ? toStored(existing) : { id: '', ...spec }, entities: result.entities, exists: existing !== undefined };
  }
  if (existing) throw new ConflictError(`Location ${spec.type}:${spec.target} is already registered (id ${existing.id})`);

  const now = context.now();
  let row: LocationRow;
  try {
    row = await insertLocation(context.db, { ...spec, source: 'api' }, { now, leaseOwner: context.replicaId, leaseMs: context.leaseMs, nextRefreshAt: now + context.intervalMs });
  } catch (error) {
    const again = await findLocationBySpec(context.db, spec);
    if (again) throw new ConflictError(`Location ${spec.type}:${spec.target} is already registered (id ${again.id})`);
    throw error;
  }
  const result = await refreshClaimedLocation(context, row, { collect: true });
  if (result.rootFailed) {
    await context.db.deleteFrom('catalog_locations').where('id', '=', row.id).execute();
    await removeOriginEntities(context, `${spec.type}:${spec.target}`);
    throw result.rootError ?? new InputError(result.problems.join('\n'));
  }
  return { location: toStored(row), entities: result.entities };
}

/** Removes a registered location and every entity it led to (nested locations included). */
export async function removeLocation(context: EngineContext, id: string): Promise<void> {
  if (context.config.readonly) throw new NotAllowedError('The catalog is read-only (catalog.readonly): locations cannot be removed');
  const row = await findLocationById(context.db, id);
  if (!row) throw new NotFoundError(`No location with id ${id}`);
  if (row.source === 'config') {
    throw new NotAllowedError(`Location ${row.type}:${row.target} comes from the configuration (catalog.locations); remove it there`);
  }
  await deleteLocationAndEntities(context, row);
}

async function deleteLocationAndEntities(context: EngineContext, row: LocationRow): Promise<void> {
  await context.db.deleteFrom('catalog_locations').where('id', '=', row.id).execute();
  const removed = await removeOriginEntities(context, `${row.type}:${row.target}`);
  if (removed > 0) await retryConflictedLocations(context);
}

/**
 * Makes the configured locations (`catalog.locations`) the `source: config` rows: adds new ones
 * (due at once) and removes those no longer configured, with their entities.
 */
export async function syncConfigLocations(context: EngineContext): Promise<void> {
  const wanted: LocationSpec[] = [];
  for (const location of context.config.locations) {
    if (!isLocationType(location.type)) {
      context.logger.warn(`catalog.locations: type "${location.type}" (${location.target}) is not supported and is skipped; use file, url or git`);
      continue;
    }
    wanted.push(normalizeLocation(location, context.baseDir));
  }
  const keys = new Set(wanted.map((spec) => `${spec.type}:${spec.target}`));
  const stored = await context.db.selectFrom('catalog_locations').selectAll().where('source', '=', 'config').execute();
  for (const row of stored) {
    if (!keys.has(`${row.type}:${row.target}`)) await deleteLocationAndEntities(context, row);
  }
  const now = context.now();
  for (const spec of wanted) {
    await context.db
      .insertInto('catalog_locations')
      .values({
        id: randomUUID(),
        type: spec.type,
        target: spec.target,
        source: 'config',
        created_at: now,
        next_refresh_at: 0,
        lease_owner: null,
        lease_expires_at: null,
        content_hash: null,
        last_error: null,
        last_refreshed_at: null,
      })
      .onConflict((conflict) => conflict.columns(['type', 'target']).doNothing())
      .execute();
  }
}
