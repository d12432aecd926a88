import os from 'node:os';
import type { Logger } from 'pino';
import { connectDatabase, migratePlugin, type DatabaseConnection } from '../../database/index.js';
import type { DatabaseDialect } from '../../plugin-api/index.js';
import { createTestDatabase, type TestDatabase } from '../../testing/databases.js';
import { schedulerMigrations } from '../migrations.js';
import { createScheduler, type KernelScheduler, type SchedulerOptions } from '../scheduler.js';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One test database and any number of "replicas": schedulers that each hold their own
 * connection to it, as separate processes would.
 */
export class Replicas {
  private readonly schedulers: KernelScheduler[] = [];
  private readonly connections: DatabaseConnection[] = [];

  private constructor(readonly database: TestDatabase) {}

  static async create(dialect: DatabaseDialect): Promise<Replicas> {
    const database = await createTestDatabase(dialect);
    await migratePlugin(database, 'kernel', schedulerMigrations);
    return new Replicas(database);
  }

  /** A new connection to the same database, closed by close(). */
  connect(): DatabaseConnection {
    const connection = connectDatabase(this.database.config, { baseDir: os.tmpdir() });
    this.connections.push(connection);
    return connection;
  }

  scheduler(logger: Logger, replicaId: string, options: Partial<SchedulerOptions> = {}): KernelScheduler {
    const scheduler = createScheduler({ connection: this.connect(), logger, replicaId, pollIntervalMs: 200, ...options });
    this.schedulers.push(scheduler);
    return scheduler;
  }

  async close(): Promise<void> {
    await Promise.all(this.schedulers.map((scheduler) => scheduler.stop()));
    await Promise.all(this.connections.map((connection) => connection.close().catch(() => undefined)));
    await this.database.close();
  }
}

export interface SharedTaskReport {
  /** Start times of every run, across both replicas, in order. */
  starts: number[];
  byReplica: Record<string, number>;
  maxConcurrent: number;
}

/** Two replicas share one global task for `durationMs`; reports every run either of them made. */
export async function runSharedTask(
  replicas: Replicas,
  logger: Logger,
  options: { frequencyMs: number; durationMs: number; runMs: number },
): Promise<SharedTaskReport> {
  const starts: number[] = [];
  const byReplica: Record<string, number> = { a: 0, b: 0 };
  let active = 0;
  let maxConcurrent = 0;
  const schedulers = ['a', 'b'].map((replicaId) => {
    const scheduler = replicas.scheduler(logger.child({ replicaId }), replicaId);
    scheduler.forPlugin('test').schedule({
      id: 'shared',
      frequency: options.frequencyMs,
      fn: async () => {
        starts.push(Date.now());
        byReplica[replicaId] = (byReplica[replicaId] ?? 0) + 1;
        active += 1;
        maxConcurrent = Math.max(maxConcurrent, active);
        await sleep(options.runMs);
        active -= 1;
      },
    });
    return scheduler;
  });
  for (const scheduler of schedulers) scheduler.start();
  await sleep(options.durationMs);
  await Promise.all(schedulers.map((scheduler) => scheduler.stop()));
  return { starts, byReplica, maxConcurrent };
}

export function gapsBetween(starts: readonly number[]): number[] {
  return starts.slice(1).map((start, index) => start - starts[index]!);
}
