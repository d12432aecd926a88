import type { Kysely, Migration } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDatabaseIds, type TestDatabase } from '../testing/databases.js';
import { migratePlugin } from './migrate.js';

type AnyDatabase = Kysely<Record<string, never>>;
const createTable = (name: string): Migration => ({
  up: async (db: AnyDatabase) => {
    await db.schema.createTable(name).addColumn('id', 'varchar(10)', (column) => column.primaryKey()).execute();
  },
});

describe.each(testDatabaseIds())('migratePlugin on %s', (dialect) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(dialect);
  });
  afterEach(async () => {
    await database.close();
  });

  it('applies each plugin’s migrations once, recorded in the plugin’s own table', async () => {
    const first = { '0001_a': createTable('alpha_one') };
    expect(await migratePlugin(database, 'alpha', first)).toEqual(['0001_a']);
    expect(await migratePlugin(database, 'alpha', first)).toEqual([]);
    expect(await migratePlugin(database, 'alpha', { ...first, '0002_b': createTable('alpha_two') })).toEqual(['0002_b']);
    expect(await migratePlugin(database, 'beta-two', { '0001_a': createTable('beta_two_things') })).toEqual(['0001_a']);

    const tables = (await database.kysely.introspection.getTables({ withInternalKyselyTables: true })).map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining(['alpha__migrations', 'beta_two__migrations', 'alpha_one', 'alpha_two', 'beta_two_things']),
    );
  });

  it('fails the start when a migration creates a table without the plugin’s prefix', async () => {
    await expect(migratePlugin(database, 'alpha', { '0001_a': createTable('entities') })).rejects.toThrow(
      "Plugin 'alpha': its migrations created entities; table names must start with 'alpha_'",
    );
  });

  it('names the plugin and the migration that failed', async () => {
    const broken: Migration = {
      up: async (db: AnyDatabase) => {
        await db.schema.createTable('alpha_x').addColumn('id', 'integer').execute();
        await db.schema.createTable('alpha_x').addColumn('id', 'integer').execute();
      },
    };
    await expect(migratePlugin(database, 'alpha', { '0001_broken': broken })).rejects.toThrow(
      /^Plugin 'alpha': migration '0001_broken' failed: /,
    );
  });
});
