import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import {
  ConflictError,
  InputError,
  NotFoundError,
  formatProblems,
  stringifyEntityRef,
  validateEntity,
  type Entity,
} from '@portico/model';
import type { Kysely } from 'kysely';
import type { CatalogTables } from '../../database/tables.js';
import { insertCatalogEntities, insertLocation, insertSource } from '../../database/operations/query/test-fixtures/catalog-fixture.js';
import type { CatalogIngestion, LocationSpec, RegisterLocationResult } from '../../service/ingestion-api.js';

/**
 * A small but real CatalogIngestion for the router's tests: it reads `file` locations from disk
 * (multi-document YAML, one level of Location entities), validates with @portico/model and writes
 * rows the way the stitcher leaves them (through the query side's fixture). It exists so the
 * REST API can be tested on its own, with data a test controls exactly; the ingestion engine's
 * own tests cover reading, orphans and conflicts. `refreshed` records refresh requests.
 */
export interface FileIngestion extends CatalogIngestion {
  readonly refreshed: string[];
}

export function createFileIngestion(db: Kysely<CatalogTables>): FileIngestion {
  const refreshed: string[] = [];

  async function read(spec: LocationSpec): Promise<Array<{ entity: Entity; file: string; parentFile: string | null }>> {
    if (spec.type !== 'file') throw new InputError(`This test ingestion reads file locations only, not ${spec.type}`);
    const root = path.resolve(spec.target);
    const out: Array<{ entity: Entity; file: string; parentFile: string | null }> = [];
    const visit = (file: string, parentFile: string | null) => {
      if (!fs.existsSync(file)) throw new NotFoundError(`${file} does not exist`);
      for (const document of yaml.loadAll(fs.readFileSync(file, 'utf8'))) {
        const result = validateEntity(document);
        if (!result.ok) throw new InputError(`${file}: ${formatProblems(result.problems)}`);
        const entity: Entity = {
          ...result.entity,
          metadata: {
            ...result.entity.metadata,
            annotations: {
              ...result.entity.metadata.annotations,
              'backstage.io/managed-by-location': `file:${file}`,
              'backstage.io/managed-by-origin-location': `file:${root}`,
            },
          },
        };
        out.push({ entity, file, parentFile });
        if (entity.kind === 'Location' && parentFile === null) {
          const spec = entity.spec as { target?: string; targets?: string[] } | undefined;
          for (const target of [spec?.target, ...(spec?.targets ?? [])]) {
            if (target) visit(path.resolve(path.dirname(file), target), file);
          }
        }
      }
    };
    visit(root, null);
    return out;
  }

  async function removeEntities(entityIds: string[]): Promise<void> {
    if (entityIds.length === 0) return;
    await db.transaction().execute(async (tx) => {
      await tx.deleteFrom('catalog_search').where('entity_id', 'in', entityIds).execute();
      await tx.deleteFrom('catalog_relations').where('originating_entity_id', 'in', entityIds).execute();
      await tx.deleteFrom('catalog_entities').where('entity_id', 'in', entityIds).execute();
    });
  }

  return {
    refreshed,

    async registerLocation(spec, { dryRun }): Promise<RegisterLocationResult> {
      const target = spec.type === 'file' ? path.resolve(spec.target) : spec.target;
      const existing = await db.selectFrom('catalog_locations').select(['id', 'type', 'target']).where('type', '=', spec.type).where('target', '=', target).executeTakeFirst();
      if (existing && !dryRun) throw new ConflictError(`Location ${spec.type}:${target} is already registered`);
      const read_ = await read({ type: spec.type, target });
      const entities = read_.map((item) => item.entity);
      if (dryRun) return { location: existing ?? { id: `dry-run-${crypto.randomUUID()}`, type: spec.type, target }, entities, ...(existing ? { exists: true } : {}) };
      const id = await insertLocation(db, { type: spec.type, target });
      const originKey = `${spec.type}:${target}`;
      await insertCatalogEntities(db, read_.map((item) => ({ entity: item.entity, originKey, sourceKey: `location:file:${item.file}` })));
      for (const file of new Set(read_.map((item) => `${item.parentFile ?? ''}\u0000${item.file}`))) {
        const [parent, source] = file.split('\u0000') as [string, string];
        await insertSource(db, { originKey, sourceKey: `location:file:${source}`, parentKey: parent ? `location:file:${parent}` : null });
      }
      return { location: { id, type: spec.type, target }, entities };
    },

    async removeLocation(id) {
      const location = await db.selectFrom('catalog_locations').selectAll().where('id', '=', id).executeTakeFirst();
      if (!location) throw new NotFoundError(`No location with id '${id}'`);
      const originKey = `${location.type}:${location.target}`;
      const rows = await db.selectFrom('catalog_entities').select('entity_id').where('origin_key', '=', originKey).execute();
      await removeEntities(rows.map((row) => row.entity_id));
      await db.deleteFrom('catalog_sources').where('origin_key', '=', originKey).execute();
      await db.deleteFrom('catalog_locations').where('id', '=', id).execute();
    },

    async refreshEntity(entityRef) {
      const row = await db.selectFrom('catalog_entities').select('entity_ref').where('entity_ref', '=', entityRef).executeTakeFirst();
      if (!row) throw new NotFoundError(`No entity ${entityRef}`);
      refreshed.push(entityRef);
    },

    async deleteEntity(uid) {
      const row = await db.selectFrom('catalog_entities').select('entity_id').where('entity_id', '=', uid).executeTakeFirst();
      if (!row) throw new NotFoundError(`No entity with uid ${uid}`);
      await removeEntities([uid]);
    },

    async validateEntity(entity, location) {
      if (!/^[a-z]+:.+/.test(location)) throw new InputError(`Location "${location}" must look like <type>:<target>`);
      const result = validateEntity(entity);
      if (result.ok) return { valid: true };
      return { valid: false, errors: result.problems.map((problem) => ({ name: 'InputError', message: problem.message })) };
    },

    async analyzeLocation(spec) {
      const target = spec.type === 'file' ? path.resolve(spec.target) : spec.target;
      const registered = await db.selectFrom('catalog_locations').select('id').where('type', '=', spec.type).where('target', '=', target).executeTakeFirst();
      const entities = await read({ type: spec.type, target });
      return {
        existingEntityFiles: entities.map((item) => ({ location: { type: 'file', target: item.file }, isRegistered: registered !== undefined, entity: item.entity })),
        generateEntities: [],
      };
    },
  };
}

/** The ref of an entity, as the API stores it. */
export function refOf(entity: Entity): string {
  return stringifyEntityRef(entity);
}
