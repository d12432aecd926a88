import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../database/config.js';
import { connectDatabase, type DatabaseConnection } from '../database/connect.js';
import type { DatabaseDialect } from '../plugin-api/index.js';

/**
 * Which databases the test run covers: `npm test` uses SQLite; `npm run test:postgres` sets
 * PORTICO_TEST_DATABASES=pg (comma-separated ids, so `sqlite,pg` runs both).
 */
export function testDatabaseIds(): DatabaseDialect[] {
  const raw = process.env.PORTICO_TEST_DATABASES ?? 'sqlite';
  const ids = raw.split(',').map((id) => id.trim()).filter(Boolean);
  for (const id of ids) {
    if (id !== 'sqlite' && id !== 'pg') throw new Error(`PORTICO_TEST_DATABASES: unknown database '${id}'`);
  }
  return ids as DatabaseDialect[];
}

/** The server to create throwaway PostgreSQL databases on. */
export function testPostgresUrl(): string {
  return process.env.PORTICO_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export interface TestDatabase extends DatabaseConnection {
  /** A config that connects to the same database, for starting a kernel against it. */
  readonly config: DatabaseConfig;
}

/**
 * A fresh, empty database of the given dialect: a SQLite file in a temporary folder, or a new
 * PostgreSQL database that is dropped on close. Each call is isolated from every other.
 */
export async function createTestDatabase(dialect: DatabaseDialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-test-'));
    const config: DatabaseConfig = { client: 'sqlite', connection: { filename: path.join(dir, 'test.sqlite') } };
    const connection = connectDatabase(config, { baseDir: dir });
    return {
      ...connection,
      config,
      close: async () => {
        await connection.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }

  const adminUrl = testPostgresUrl();
  const name = `portico_test_${crypto.randomBytes(6).toString('hex')}`;
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const config: DatabaseConfig = { client: 'pg', connection: url.toString(), pool: { max: 5 } };
  const connection = connectDatabase(config, { baseDir: process.cwd() });
  return {
    ...connection,
    config,
    close: async () => {
      await connection.close();
      await withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withAdminClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
