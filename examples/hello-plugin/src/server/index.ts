import { defineServerPlugin, type Migration } from '@portico/server';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Greeting } from '../common/index.js';

interface HelloTables {
  hello_visits: { id: string; count: number };
}

const migrations: Record<string, Migration> = {
  '0001_visits': {
    async up(db) {
      await db.schema
        .createTable('hello_visits')
        .addColumn('id', 'varchar(64)', (column) => column.primaryKey())
        .addColumn('count', 'integer', (column) => column.notNull().defaultTo(0))
        .execute();
    },
  },
};

/**
 * An example third-party plugin: a package of its own, named only in config, with a migration,
 * a config section, a route and a prebuilt web module. The kernel's tests load it by name.
 */
export default defineServerPlugin({
  id: 'hello',
  configSchema: z.object({ greeting: z.string().min(1).default('Hello from a runtime plugin') }).default({
    greeting: 'Hello from a runtime plugin',
  }),
  migrations,
  setup({ router, db, config }) {
    const kysely = db.kysely<HelloTables>();
    router.get(
      '/greeting',
      { schema: { response: { 200: z.object({ message: z.string(), visits: z.number().int() }) } } },
      async (): Promise<Greeting> => {
        const row = await kysely
          .insertInto('hello_visits')
          .values({ id: 'greeting', count: 1 })
          .onConflict((conflict) => conflict.column('id').doUpdateSet({ count: sql<number>`hello_visits.count + 1` }))
          .returning('count')
          .executeTakeFirstOrThrow();
        return { message: config.greeting, visits: row.count };
      },
    );
  },
});
