import { useAppRuntime } from '@portico/web';
import { useEffect } from 'react';

/**
 * Sets the browser tab's title to `<title> · <portal title>` for pages whose title depends on
 * their data (an entity's name). The shell sets the route's static title when the route
 * changes, after the page's own effects on first render, so this one is set again just after.
 */
export function useDocumentTitle(title: string | undefined): void {
  const { app } = useAppRuntime();
  useEffect(() => {
    if (title === undefined) return undefined;
    const text = `${title} · ${app.title}`;
    document.title = text;
    const timer = window.setTimeout(() => {
      document.title = text;
    }, 0);
    return () => window.clearTimeout(timer);
  }, [title, app.title]);
}
