import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineServerPlugin, type Kysely, type Migration } from '../plugin-api/index.js';
import { createTestDatabase, startTestKernel, type TestDatabase, type TestKernel } from '../testing/index.js';

interface TickTables {
  ticks_runs: { replica: string; started_at: number; finished_at: number };
}

const migrations: Record<string, Migration> = {
  '0001_runs': {
    up: async (db: Kysely<Record<string, never>>) => {
      await db.schema
        .createTable('ticks_runs')
        .addColumn('replica', 'varchar(20)', (column) => column.notNull())
        .addColumn('started_at', 'bigint', (column) => column.notNull())
        .addColumn('finished_at', 'bigint', (column) => column.notNull())
        .execute();
    },
  },
};

/** A plugin whose global job records every run, and which replica ran it. */
const ticks = (replica: string) =>
  defineServerPlugin({
    id: 'ticks',
    migrations,
    setup({ scheduler, db }) {
      scheduler.schedule({
        id: 'tick',
        frequency: { seconds: 1 },
        scope: 'global',
        fn: async () => {
          const started = Date.now();
          await new Promise((resolve) => setTimeout(resolve, 150));
          await db.kysely<TickTables>().insertInto('ticks_runs').values({ replica, started_at: started, finished_at: Date.now() }).execute();
        },
      });
    },
  });

describe('two kernels on one PostgreSQL database', () => {
  let database: TestDatabase;
  const kernels: TestKernel[] = [];
  beforeAll(async () => {
    database = await createTestDatabase('pg');
  });
  afterAll(async () => {
    await Promise.all(kernels.map((kernel) => kernel.stop()));
    await database.close();
  });

  it('run a global job once per interval between them, never at the same time', async () => {
    kernels.push(await startTestKernel({ dialect: 'pg', database, plugins: [ticks('a')] }));
    kernels.push(await startTestKernel({ dialect: 'pg', database, plugins: [ticks('b')] }));
    await new Promise((resolve) => setTimeout(resolve, 4_600));
    await Promise.all(kernels.map((kernel) => kernel.kernel.stop()));

    const runs = await database.kysely
      .selectFrom('ticks_runs' as never)
      .select(['replica' as never, 'started_at' as never, 'finished_at' as never])
      .orderBy('started_at' as never)
      .execute() as unknown as TickTables['ticks_runs'][];
    // 4.6 s at one run per second: at most 5 runs in total, where two independent replicas would
    // make 8-10. (A loaded machine may start the first run late, so fewer is allowed.)
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.length).toBeLessThanOrEqual(5);
    for (let index = 1; index < runs.length; index++) {
      const previous = runs[index - 1]!;
      const current = runs[index]!;
      expect(current.started_at).toBeGreaterThanOrEqual(previous.finished_at);
      expect(current.started_at - previous.started_at).toBeGreaterThanOrEqual(950);
    }
  });
});
