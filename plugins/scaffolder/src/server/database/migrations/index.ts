import type { Migration } from 'kysely';
import { tasks } from './0001_tasks.js';

/** In name order; never edit a shipped migration, add the next one. */
export const scaffolderMigrations: Record<string, Migration> = {
  '0001_tasks': tasks,
};
