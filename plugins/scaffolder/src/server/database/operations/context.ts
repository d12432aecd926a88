import type { DatabaseDialect } from '@portico/server';
import type { Kysely, RawBuilder, Selectable } from 'kysely';
import { databaseNow } from '../clock.js';
import type { ScaffolderTables } from '../tables.js';

/** What every operation needs: the typed builder, the dialect, and the database clock. */
export interface ScaffolderDb {
  db: Kysely<ScaffolderTables>;
  dialect: DatabaseDialect;
  now: RawBuilder<number>;
}

export function scaffolderDb(db: Kysely<ScaffolderTables>, dialect: DatabaseDialect): ScaffolderDb {
  return { db, dialect, now: databaseNow(dialect) };
}

export type TaskRow = Selectable<ScaffolderTables['scaffolder_tasks']>;
export type TaskEventRow = Selectable<ScaffolderTables['scaffolder_task_events']>;
