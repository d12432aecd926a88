import type { Migration } from 'kysely';
import { initial } from './0001_initial.js';

/** In name order; never edit a shipped migration, add the next one. */
export const searchMigrations: Record<string, Migration> = {
  '0001_initial': initial,
};
