import { z } from 'zod';

/** `database:` in portico.yaml (Backstage's `backend.database` is accepted too, see config/). */
export const databaseConfigSchema = z
  .object({
    client: z.enum(['sqlite', 'better-sqlite3', 'pg']).default('sqlite'),
    connection: z
      .union([
        z.string().min(1),
        z
          .object({
            filename: z.string().optional(),
            directory: z.string().optional(),
            host: z.string().optional(),
            port: z.coerce.number().int().positive().optional(),
            user: z.string().optional(),
            password: z.string().optional(),
            database: z.string().optional(),
            ssl: z.union([z.boolean(), z.record(z.string(), z.unknown())]).optional(),
          })
          .loose(),
      ])
      .optional(),
    pool: z.object({ max: z.number().int().positive().default(10) }).optional(),
  })
  .default({ client: 'sqlite' });

export type DatabaseConfig = z.infer<typeof databaseConfigSchema>;
