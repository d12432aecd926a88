import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseDialect } from '../plugin-api/index.js';
import type { DatabaseConfig } from './config.js';

/** An open connection to the one database all plugins share. */
export interface DatabaseConnection {
  readonly dialect: DatabaseDialect;
  /** Where the data lives, safe to print (no password). */
  readonly description: string;
  // The kernel itself works across every plugin's tables, so it holds the untyped builder.
  readonly kysely: Kysely<Record<string, never>>;
  /** The pg pool, for LISTEN/NOTIFY; undefined on SQLite. */
  readonly pgPool: pg.Pool | undefined;
  close(): Promise<void>;
}

// PostgreSQL returns int8 (count(*), bigint columns) as strings by default; our counts fit in a
// JavaScript number, and one number type on both dialects keeps the row types honest.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

export function connectDatabase(config: DatabaseConfig, options: { baseDir: string }): DatabaseConnection {
  if (config.client === 'pg') return connectPostgres(config);
  return connectSqlite(config, options.baseDir);
}

function connectSqlite(config: DatabaseConfig, baseDir: string): DatabaseConnection {
  const filename = sqliteFilename(config, baseDir);
  if (filename !== ':memory:') fs.mkdirSync(path.dirname(filename), { recursive: true });
  const sqlite = new SQLite(filename);
  // WAL lets readers run while the catalog writes; NORMAL sync is safe with WAL and much faster.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // A 64 MB page cache (default 2 MB) keeps the catalog's indexes in memory during bulk writes;
  // measured at 10k entities it made ingestion 1.5-2x faster.
  sqlite.pragma('cache_size = -65536');
  const kysely = new Kysely<Record<string, never>>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    dialect: 'sqlite',
    description: filename === ':memory:' ? 'SQLite (in memory)' : `SQLite ${filename}`,
    kysely,
    pgPool: undefined,
    close: () => kysely.destroy(),
  };
}

export function sqliteFilename(config: DatabaseConfig, baseDir: string): string {
  const connection = config.connection;
  if (typeof connection === 'string') {
    return connection === ':memory:' ? connection : path.resolve(baseDir, connection);
  }
  if (connection?.filename) {
    return connection.filename === ':memory:' ? ':memory:' : path.resolve(baseDir, connection.filename);
  }
  const directory = connection?.directory ?? '.portico';
  return path.resolve(baseDir, directory, 'portico.sqlite');
}

function connectPostgres(config: DatabaseConfig): DatabaseConnection {
  const connection = config.connection;
  const poolConfig: pg.PoolConfig =
    typeof connection === 'string'
      ? { connectionString: connection }
      : {
          host: connection?.host,
          port: connection?.port,
          user: connection?.user,
          password: connection?.password,
          database: connection?.database,
          ssl: connection?.ssl as pg.PoolConfig['ssl'],
        };
  const pool = new pg.Pool({ ...poolConfig, max: config.pool?.max ?? 10 });
  // An idle client whose connection drops (server restart, admin termination) emits 'error' on
  // the pool; without a listener Node would crash the process. The pool replaces the client and
  // the next query reports any lasting problem.
  pool.on('error', () => undefined);
  const kysely = new Kysely<Record<string, never>>({ dialect: new PostgresDialect({ pool }) });
  return {
    dialect: 'pg',
    description: `PostgreSQL ${describePostgres(poolConfig)}`,
    kysely,
    pgPool: pool,
    close: () => kysely.destroy(),
  };
}

function describePostgres(config: pg.PoolConfig): string {
  if (config.connectionString) {
    try {
      const url = new URL(config.connectionString);
      if (url.password) url.password = '***';
      return url.toString();
    } catch {
      return '(connection string)';
    }
  }
  return `${config.user ?? ''}@${config.host ?? 'localhost'}:${config.port ?? 5432}/${config.database ?? ''}`;
}
