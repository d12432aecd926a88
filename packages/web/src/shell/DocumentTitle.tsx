import { useRouterState } from '@tanstack/react-router';
import { useEffect, useMemo } from 'react';
import { useAppRuntime, usePlugins } from '../app/portico-context.js';

/** Keeps the browser tab's title at `<page title> · <portal title>`. */
export function DocumentTitle() {
  const { app } = useAppRuntime();
  const plugins = usePlugins();
  // Annotated: without a registered route tree, TanStack cannot infer the selection's type.
  const routeId = useRouterState({ select: (state): string | undefined => state.matches.at(-1)?.routeId });
  const titles = useMemo(() => {
    const byPath = new Map<string, string>([['/', 'Home']]);
    for (const plugin of plugins) {
      for (const route of plugin.routes) if (route.title !== undefined) byPath.set(route.path, route.title);
    }
    return byPath;
  }, [plugins]);

  const pageTitle = routeId === undefined ? undefined : titles.get(routeId);
  useEffect(() => {
    document.title = pageTitle === undefined ? app.title : `${pageTitle} · ${app.title}`;
  }, [pageTitle, app.title]);
  return null;
}
