import { z } from 'zod';
import { databaseConfigSchema } from '../database/config.js';

/** The kernel's own configuration keys. Plugins validate their own sections. */
export const coreConfigSchema = z.object({
  app: z
    .object({
      title: z.string().default('Portico'),
      baseUrl: z.string().optional(),
      logoUrl: z.string().optional(),
      primaryColor: z
        .string()
        .regex(/^(#[0-9a-fA-F]{3,8}|[a-z]+|(rgb|hsl)a?\([^)]*\))$/, 'a CSS colour such as #3b5bdb')
        .optional(),
      /** Folder of the built web app; found automatically when @portico/app is installed. */
      distDir: z.string().optional(),
    })
    .default({ title: 'Portico' }),
  backend: z
    .object({
      baseUrl: z.string().optional(),
      listen: z
        .object({
          port: z.coerce.number().int().min(0).max(65535).default(7007),
          host: z.string().default('0.0.0.0'),
        })
        .default({ port: 7007, host: '0.0.0.0' }),
      database: databaseConfigSchema,
      /** Largest accepted request body in bytes. */
      bodyLimit: z.number().int().positive().default(5 * 1024 * 1024),
      /** Seconds to let running requests and jobs finish on shutdown. */
      shutdownTimeout: z.number().positive().default(20),
    })
    .default({
      listen: { port: 7007, host: '0.0.0.0' },
      database: { client: 'sqlite' },
      bodyLimit: 5 * 1024 * 1024,
      shutdownTimeout: 20,
    }),
  /** Extra plugin packages to load by name, e.g. '@acme/portico-plugin-foo'. */
  plugins: z.array(z.string().min(1)).default([]),
});

export type CoreConfig = z.infer<typeof coreConfigSchema>;
