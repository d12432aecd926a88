import type { RouterContext } from './context.js';
import { registerDryRunRoute } from './dry-run-route.js';
import { registerEventsRoutes } from './events-routes.js';
import { registerTasksRoutes } from './tasks-routes.js';
import { registerTemplatesRoutes } from './templates-routes.js';

export type { RouterContext };

/** Mounts Backstage's scaffolder API (`/api/scaffolder/v2/...`) on the plugin's router. */
export function registerScaffolderRoutes(context: RouterContext): void {
  registerTasksRoutes(context);
  registerEventsRoutes(context);
  registerTemplatesRoutes(context);
  registerDryRunRoute(context);
}
