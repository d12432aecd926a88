import fs from 'node:fs';
import path from 'node:path';
import yaml from 'js-yaml';
import type { Entity } from '@portico/model';
import type { Kysely } from 'kysely';
import type { CatalogTables } from '../../database/tables.js';
import { insertCatalogEntities, type FixtureEntity } from '../../database/operations/query/test-fixtures/catalog-fixture.js';

/**
 * Loads a catalog written by `../shared/peer-backstage/gen-catalog.mjs` straight into the tables
 * (no ingestion), so query latencies can be measured at 100k entities on their own.
 */
export async function seedGeneratedCatalog(db: Kysely<CatalogTables>, dir: string): Promise<number> {
  const files = fs.readdirSync(dir).filter((file) => /^entities-\d+\.yaml$/.test(file)).sort();
  const batch: FixtureEntity[] = [];
  for (const file of files) {
    const target = path.join(dir, file);
    for (const document of yaml.loadAll(fs.readFileSync(target, 'utf8'))) {
      const entity = document as Entity;
      entity.metadata.namespace ??= 'default';
      entity.metadata.annotations = {
        ...entity.metadata.annotations,
        'backstage.io/managed-by-location': `file:${target}`,
        'backstage.io/managed-by-origin-location': `file:${path.join(dir, 'catalog-info.yaml')}`,
      };
      batch.push({ entity });
    }
  }
  // One call, so reverse relations from later files reach the entities of earlier ones.
  return (await insertCatalogEntities(db, batch)).length;
}
