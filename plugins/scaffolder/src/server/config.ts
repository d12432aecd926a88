import { z } from 'zod';
import { durationConfigSchema } from '@portico/server';

const durationSchema = durationConfigSchema;

/** The `scaffolder:` section of portico.yaml. */
export const scaffolderConfigSchema = z
  .object({
    /** Tasks one replica runs at the same time (Backstage's `concurrentTasksLimit`). 0: this replica runs none. */
    concurrentTasksLimit: z.number().int().min(0).max(100).default(10),
    /** How long a worker's claim on a task lasts without a heartbeat; it heartbeats every third of it. */
    taskLease: durationSchema.default({ seconds: 30 }),
    /** How often an idle worker looks for open tasks (it is also woken when a task is created). */
    pollInterval: durationSchema.default({ seconds: 2 }),
    /**
     * Key for the task secrets kept between the request and the worker (and for a retry).
     * Set the same value on every replica (e.g. `${SCAFFOLDER_SECRETS_KEY}`) so any replica can
     * run any task. Without it each process makes a random key at start: tasks with secrets then
     * run only on the replica that accepted them, and are failed if it stops first.
     */
    secretsKey: z.string().min(16).optional(),
    /** How long a failed task keeps its (encrypted) secrets and step outputs so it can be retried. */
    retryRetention: durationSchema.default({ hours: 24 }),
    /** Where task workspaces are made; the system's temporary folder when left out. */
    workingDirectory: z.string().min(1).optional(),
    /**
     * Where actions reach the catalog's HTTP API (`/api/catalog` is appended). Left out: this
     * server's own address.
     */
    catalogBaseUrl: z.string().url().optional(),
    /** The user tasks run as until sign-in exists. */
    defaultUserRef: z.string().min(1).default('user:default/guest'),
  })
  .strict();

export type ScaffolderConfig = z.infer<typeof scaffolderConfigSchema>;

export const defaultScaffolderConfig: ScaffolderConfig = scaffolderConfigSchema.parse({});
