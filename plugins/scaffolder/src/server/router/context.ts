import type { PluginLogger, PluginRouter } from '@portico/server';
import type { ActionRegistry } from '../actions/registry.js';
import type { CatalogAccess } from '../catalog/catalog-access.js';
import type { TemplaterOptions } from '../expressions/secure-templater.js';
import type { TaskEventFeed } from '../tasks/event-feed.js';
import type { TaskStore } from '../tasks/task-store.js';

/** What the scaffolder's routes share. */
export interface RouterContext {
  router: PluginRouter;
  store: TaskStore;
  feed: TaskEventFeed;
  catalog: CatalogAccess;
  actions: ActionRegistry;
  logger: PluginLogger;
  /** The user tasks run as until sign-in exists. */
  userRef: string;
  /** How often open event streams look for events when no notification came. */
  pollMs: number;
  workingDirectory: string;
  redact: readonly string[];
  templater?: TemplaterOptions;
}
