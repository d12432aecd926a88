import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { stringify } from 'yaml';
import { loadConfig, type ConfigObject } from '../config/index.js';
import { createKernel, type Kernel, type LoadedPlugin } from '../kernel/index.js';
import type { DatabaseDialect, ServerPlugin } from '../plugin-api/index.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

export interface TestKernelOptions {
  dialect: DatabaseDialect;
  plugins?: ReadonlyArray<LoadedPlugin | ServerPlugin>;
  /** Extra config merged over the test defaults (port 0 on 127.0.0.1, the test database). */
  config?: ConfigObject;
  /** Reuse a database (e.g. to start a second replica on it); a fresh one is made otherwise. */
  database?: TestDatabase;
}

export interface TestKernel {
  kernel: Kernel;
  /** Base URL of the running server, e.g. http://127.0.0.1:41234. */
  url: string;
  database: TestDatabase;
  /** Stops the kernel and, when the helper created it, drops the database. */
  stop(): Promise<void>;
}

/**
 * Starts a real kernel on a random port against a real database, for plugin tests: the same
 * config loading, migrations, plugin wiring and HTTP stack as `portico start`.
 */
export async function startTestKernel(options: TestKernelOptions): Promise<TestKernel> {
  const database = options.database ?? (await createTestDatabase(options.dialect));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-kernel-'));
  const file = path.join(dir, 'portico.yaml');
  const base: ConfigObject = {
    backend: { listen: { port: 0, host: '127.0.0.1' }, database: database.config as unknown as ConfigObject, shutdownTimeout: 10 },
  };
  fs.writeFileSync(file, stringify(base));
  const files = [file];
  if (options.config) {
    const overlay = path.join(dir, 'overlay.yaml');
    fs.writeFileSync(overlay, stringify(options.config));
    files.push(overlay);
  }
  const config = loadConfig({ files, cwd: dir, env: {} });
  const logger = pino({ level: process.env.PORTICO_TEST_LOG_LEVEL ?? 'silent' });
  const kernel = await createKernel({ config, plugins: options.plugins ?? [], logger });
  const url = await kernel.start();
  let stopped = false;
  return {
    kernel,
    url,
    database,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await kernel.stop();
      if (!options.database) await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
