import type { QueryClient } from '@tanstack/react-query';
import {
  createBrowserHistory,
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  type RouterHistory,
} from '@tanstack/react-router';
import type { WebPlugin } from '../plugin/define-web-plugin.js';
import { AppShell } from '../shell/AppShell.js';
import { HomePage } from '../shell/HomePage.js';
import { NotFoundPage } from '../shell/NotFoundPage.js';
import { PagePending, RouteErrorPage } from '../shell/RouteErrorPage.js';

/** Available to every route's loader and `beforeLoad` as `context`. */
export interface PorticoRouterContext {
  queryClient: QueryClient;
}

export interface CreateAppRouterOptions {
  plugins: readonly WebPlugin[];
  queryClient: QueryClient;
  /** Browser history unless given; tests pass a memory history. */
  history?: RouterHistory;
}

/**
 * Builds the route tree at run time from the plugins' routes (code-based routes, since plugins
 * are only known once the runtime has been read). Each plugin page is its own lazy chunk.
 */
export function createAppRouter({ plugins, queryClient, history }: CreateAppRouterOptions) {
  const rootRoute = createRootRouteWithContext<PorticoRouterContext>()({
    component: AppShell,
    notFoundComponent: NotFoundPage,
  });
  const homeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: HomePage });
  const pluginRoutes = plugins.flatMap((plugin) =>
    plugin.routes.map((route) =>
      createRoute({ getParentRoute: () => rootRoute, path: route.path, component: lazyRouteComponent(route.page) }),
    ),
  );
  return createRouter({
    routeTree: rootRoute.addChildren([homeRoute, ...pluginRoutes]),
    history: history ?? createBrowserHistory(),
    context: { queryClient },
    defaultPreload: 'intent',
    // Route data comes from TanStack Query, which has its own cache; the router need not keep one.
    defaultPreloadStaleTime: 0,
    defaultErrorComponent: RouteErrorPage,
    defaultPendingComponent: PagePending,
    scrollRestoration: true,
  });
}

export type PorticoRouter = ReturnType<typeof createAppRouter>;
