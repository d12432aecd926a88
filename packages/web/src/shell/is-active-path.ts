/** A sidebar link is active on its own path and below it; Home (`/`) only on itself. */
export function isActivePath(to: string, pathname: string): boolean {
  const base = to.replace(/\/+$/, '');
  if (base === '') return pathname === '/';
  return pathname === base || pathname.startsWith(`${base}/`);
}
