import type { CompoundEntityRef } from '@portico/model';
import { useParams } from '@tanstack/react-router';
import { useMemo } from 'react';

/** The entity named by the entity page's path, and the tab segment if any. */
export function useEntityRouteParams(): { ref: CompoundEntityRef; tab: string | undefined } {
  const params = useParams({ strict: false }) as Readonly<Record<string, string | undefined>>;
  const { namespace = 'default', kind = '', name = '', tab } = params;
  const ref = useMemo(() => ({ namespace, kind, name }), [namespace, kind, name]);
  return { ref, tab };
}
