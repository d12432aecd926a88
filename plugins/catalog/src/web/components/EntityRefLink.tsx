import { Link, Typography } from '@mui/material';
import { humanizeEntityRef, tryParseEntityRef } from '@portico/model';
import type { ReactNode } from 'react';
import { entityPagePath } from '../entity-routes.js';

export interface EntityRefLinkProps {
  /** A full or partial ref (`billing`, `group:default/billing`). */
  entityRef: string;
  /** Filled in for a ref that leaves out its kind (`owner` refs are groups). */
  defaultKind?: string;
  defaultNamespace?: string;
  /** Shown instead of the humanized ref. */
  children?: ReactNode;
}

/** A link to an entity's page, labelled the way people write the ref. */
export function EntityRefLink({ entityRef, defaultKind, defaultNamespace, children }: EntityRefLinkProps) {
  const context = { ...(defaultKind ? { defaultKind } : {}), ...(defaultNamespace ? { defaultNamespace } : {}) };
  const ref = tryParseEntityRef(entityRef, context);
  if (ref === undefined) {
    return (
      <Typography component="span" variant="inherit" color="text.secondary">
        {children ?? entityRef}
      </Typography>
    );
  }
  return (
    <Link href={entityPagePath(ref)} underline="hover">
      {children ?? humanizeEntityRef(ref, defaultKind ? { defaultKind } : {})}
    </Link>
  );
}
