import { createTestDatabase, type TestDatabase } from '@portico/server/testing';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { claimDueLocations } from '../database/operations/ingestion/locations.js';
import type { CatalogTables } from '../database/tables.js';
import { closeDatabase, component, createHarness, yamlDocs, type Harness } from './test-fixtures/harness.js';

/** Several replicas on one PostgreSQL database share the locations; none is read twice at once. */
describe('refresh leases across replicas (pg)', () => {
  let database: TestDatabase;
  const harnesses: Harness[] = [];
  afterEach(async () => {
    for (const harness of harnesses.splice(0)) await harness.close();
    if (database) await closeDatabase(database);
  });

  it('gives each due location to exactly one of several concurrent claims', async () => {
    database = await createTestDatabase('pg');
    const first = await createHarness('pg', { database, replicaId: 'replica-a' });
    harnesses.push(first);
    const now = Date.now();
    await first.db
      .insertInto('catalog_locations')
      .values(Array.from({ length: 40 }, (_, index) => ({ id: `loc-${index}`, type: 'url', target: `https://example.com/${index}.yaml`, source: 'api' as const, created_at: now, next_refresh_at: 0, lease_owner: null, lease_expires_at: null, content_hash: null, last_error: null, last_refreshed_at: null })))
      .execute();
    const db = database.kysely as unknown as Kysely<CatalogTables>;
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, replica) => claimDueLocations(db, { dialect: 'pg', replicaId: `replica-${replica}`, leaseMs: 60_000, limit: 7 })),
    );
    const ids = claims.flat().map((row) => row.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(40);
    expect(await claimDueLocations(db, { dialect: 'pg', replicaId: 'late', leaseMs: 60_000, limit: 10 })).toEqual([]);
  });

  it('two running replicas read every location once and store every entity once', async () => {
    database = await createTestDatabase('pg');
    const locations = Array.from({ length: 12 }, (_, index) => ({ type: 'file' as const, target: `./loc-${index}.yaml` }));
    const catalog = { locations, processingInterval: { hours: 1 } };
    const a = await createHarness('pg', { database, replicaId: 'replica-a', catalog });
    const b = await createHarness('pg', { database, replicaId: 'replica-b', catalog: { ...catalog, locations: locations.map((location) => ({ ...location, target: `${a.dir}/${location.target.slice(2)}` })) } });
    harnesses.push(a, b);
    for (const [index] of locations.entries()) {
      a.write(`loc-${index}.yaml`, yamlDocs(...Array.from({ length: 20 }, (_, item) => component(`c-${index}-${item}`))));
    }
    await Promise.all([a.ingestion.start(), b.ingestion.start()]);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const pending = await a.db.selectFrom('catalog_locations').select('id').where('last_refreshed_at', 'is', null).execute();
      const queued = await a.db.selectFrom('catalog_stitch_queue').select('entity_ref').execute();
      if (pending.length === 0 && queued.length === 0) break;
      if (Date.now() > deadline) throw new Error(`${pending.length} locations were never refreshed`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await Promise.all([a.ingestion.stop(), b.ingestion.stop()]);

    expect(await a.refs()).toHaveLength(240);
    const rows = await a.db.selectFrom('catalog_locations').select(['last_error', 'lease_owner']).execute();
    expect(rows).toHaveLength(12);
    expect(rows.every((row) => row.last_error === null && row.lease_owner === null)).toBe(true);
    const history = await a.db.selectFrom('catalog_history').select(['entity_ref', 'change']).execute();
    expect(history).toHaveLength(240);
    expect(new Set(history.map((entry) => entry.entity_ref)).size).toBe(240);
    const [stats] = await a.db.selectFrom('catalog_search').select((eb) => eb.fn.count<number>('entity_id').distinct().as('entities')).execute();
    expect(Number(stats?.entities)).toBe(240);
  });
});
