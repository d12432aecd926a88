import { Button, Link, type ButtonProps, type LinkProps } from '@mui/material';
import { createLink } from '@tanstack/react-router';
import type { Ref } from 'react';

/*
 * MUI links and buttons that navigate with a search object (`to="/catalog" search={{ kind: 'api' }}`),
 * which a plain `href` cannot carry through the router. The anchor is rendered as `a` on
 * purpose: the theme's default link component would route the finished href a second time.
 */

function AnchorLink({ ref, ...props }: LinkProps<'a'> & { ref?: Ref<HTMLAnchorElement> }) {
  return <Link ref={ref} component="a" {...props} />;
}

function AnchorButton({ ref, ...props }: ButtonProps<'a'> & { ref?: Ref<HTMLAnchorElement> }) {
  return <Button ref={ref} component="a" {...props} />;
}

export const SearchLink = createLink(AnchorLink);
export const SearchButton = createLink(AnchorButton);
