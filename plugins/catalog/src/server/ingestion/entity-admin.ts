import { InputError, NotAllowedError, NotFoundError, type Entity } from '@portico/model';
import { deleteEntities } from '../database/operations/ingestion/delete-entities.js';
import { findLocationBySpec, markLocationsDue } from '../database/operations/ingestion/locations.js';
import { forgetSourceContent } from '../database/operations/ingestion/sources.js';
import { databaseNow, withTransactionRetry } from '../database/operations/ingestion/sql-helpers.js';
import type { AnalyzeLocationResult, LocationSpec, ValidateEntityResult } from '../service/ingestion-api.js';
import { parseLocationKey, treeOptions, type EngineContext } from './engine-context.js';
import { normalizeLocation } from './location-admin.js';
import { refreshClaimedLocation } from './location-refresher.js';
import { ANNOTATION_LOCATION, processDocument } from './process/process-document.js';
import { refreshTree } from './tree/refresh-tree.js';

/**
 * Reads the location that led to an entity again, now when no other replica is reading it
 * (otherwise as soon as that read ends). The entity's own file is parsed even if unchanged.
 */
export async function refreshEntity(context: EngineContext, entityRef: string): Promise<void> {
  const entity = await context.db.selectFrom('catalog_entities').select(['origin_key', 'source_key']).where('entity_ref', '=', entityRef.toLowerCase()).executeTakeFirst();
  if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
  const spec = parseLocationKey(entity.origin_key);
  if (!spec || spec.type === 'provider') return;
  const location = await findLocationBySpec(context.db, spec);
  if (!location) return;
  await forgetSourceContent(context.db, entity.origin_key, entity.source_key);
  const now = databaseNow(context.dialect);
  const claimed = await context.db
    .updateTable('catalog_locations')
    .set((eb) => ({ lease_owner: context.replicaId, lease_expires_at: eb(now, '+', context.leaseMs) }))
    .where('id', '=', location.id)
    .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_expires_at', '<', now)]))
    .returningAll()
    .executeTakeFirst();
  if (!claimed) {
    await markLocationsDue(context.db, [location.id]);
    return;
  }
  await refreshClaimedLocation(context, claimed);
}

/**
 * Deletes one entity. Like Backstage, an entity its location still emits comes back at the
 * next refresh (its file is parsed again then); orphans stay deleted.
 */
export async function deleteEntity(context: EngineContext, uid: string): Promise<void> {
  if (context.config.readonly) throw new NotAllowedError('The catalog is read-only (catalog.readonly): entities cannot be deleted');
  const row = await context.db.selectFrom('catalog_entities').select(['entity_id', 'origin_key', 'source_key']).where('entity_id', '=', uid).executeTakeFirst();
  if (!row) throw new NotFoundError(`No entity with uid ${uid}`);
  const removed = await withTransactionRetry(() =>
    context.db.transaction().execute(async (trx) => {
      await forgetSourceContent(trx, row.origin_key, row.source_key);
      return deleteEntities(trx, context.dialect, [row.entity_id], { now: context.now(), cause: 'api' });
    }),
  );
  await context.stitcher.publishRemoved(removed);
  await context.stitcher.drain();
}

/** Validates an entity as if read from `location` (`<type>:<target>`), without storing it. */
export function validateEntity(context: EngineContext, entity: unknown, location: string): ValidateEntityResult {
  const spec = parseLocationKey(location);
  if (!spec) throw new InputError(`Location "${location}" must look like <type>:<target>, e.g. url:https://example.com/catalog-info.yaml`);
  const outcome = processDocument(entity, {
    source: { type: spec.type, target: spec.target, ref: location },
    origin: spec,
    rules: null,
    kinds: context.kinds,
    allowedKinds: context.allowedKinds,
  });
  if (outcome.ok) return { valid: true };
  return { valid: false, errors: outcome.messages.map((message) => ({ name: 'InputError', message: message.replace(`${spec.target}: `, '') })) };
}

/**
 * Looks at a location before registering it: the entities its catalog file holds, or (when there
 * is no file) a Component to start from, with the fields a user must fill in.
 */
export async function analyzeLocation(context: EngineContext, raw: LocationSpec, catalogFileName = 'catalog-info.yaml'): Promise<AnalyzeLocationResult> {
  const spec = normalizeLocation(withCatalogFile(raw, catalogFileName), context.baseDir);
  if (!(context.config.allowedLocationTypes as readonly string[]).includes(spec.type)) {
    throw new NotAllowedError(`Locations of type ${spec.type} cannot be registered; allowed types: ${context.config.allowedLocationTypes.join(', ')}`);
  }
  const result = await refreshTree(treeOptions(context, spec, 'api', { dryRun: true, collect: true, reuse: false }));
  if (result.rootFailed) {
    if (result.rootError?.name !== 'NotFoundError') throw result.rootError ?? new InputError(result.problems.join('\n'));
    return { existingEntityFiles: [], generateEntities: [suggestedComponent(spec)] };
  }
  const registered = (await findLocationBySpec(context.db, spec)) !== undefined;
  return {
    existingEntityFiles: result.entities.map((entity: Entity) => ({
      location: locationOf(entity, spec),
      isRegistered: registered,
      entity,
    })),
    generateEntities: [],
  };
}

function withCatalogFile(spec: LocationSpec, fileName: string): LocationSpec {
  const target = spec.target.trim();
  if (spec.type === 'url' && !/\.ya?ml$/i.test(new URL(target).pathname)) {
    return { type: 'url', target: `${target.replace(/\/+$/, '')}/${fileName}` };
  }
  if (spec.type === 'git' && !target.includes('#')) return { type: 'git', target: `${target}#HEAD:${fileName}` };
  return { type: spec.type, target };
}

function locationOf(entity: Entity, fallback: LocationSpec): LocationSpec {
  const managed = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  return (managed && parseLocationKey(managed)) || fallback;
}

function suggestedComponent(spec: LocationSpec): AnalyzeLocationResult['generateEntities'][number] {
  const name = repositoryName(spec.target);
  return {
    entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name }, spec: { type: 'service', lifecycle: 'production' } },
    fields: [
      { field: 'metadata.name', value: name, state: 'analysisSuggestedValue', description: 'The name of the component, taken from the repository' },
      { field: 'spec.owner', value: null, state: 'needsUserInput', description: 'The group or user that owns the component' },
    ],
  };
}

function repositoryName(target: string): string {
  const withoutFile = target.replace(/#.*$/, '').replace(/\/[^/]*\.ya?ml$/i, '');
  const last = withoutFile.replace(/\.git$/, '').split('/').filter(Boolean).at(-1) ?? 'component';
  const cleaned = last.replace(/[^A-Za-z0-9_.-]/g, '-').replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '').slice(0, 63);
  return cleaned || 'component';
}
