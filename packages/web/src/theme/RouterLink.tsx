import { Link } from '@tanstack/react-router';
import type { AnchorHTMLAttributes, Ref } from 'react';

export interface RouterLinkProps extends AnchorHTMLAttributes<HTMLAnchorElement> {
  ref?: Ref<HTMLAnchorElement>;
}

/**
 * What MUI renders for every `href` (Button, Link, ListItemButton...): a router link for paths
 * inside the portal, so they navigate without a page load, and a plain anchor for anything else.
 */
export function RouterLink({ href, ref, ...rest }: RouterLinkProps) {
  if (href !== undefined && href.startsWith('/') && !href.startsWith('//')) {
    return <Link ref={ref} to={href} {...rest} />;
  }
  return <a ref={ref} href={href} {...rest} />;
}
