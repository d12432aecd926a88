import { useNavigate, useSearch } from '@tanstack/react-router';
import { useCallback, useMemo } from 'react';
import { catalogSearchParams, parseCatalogSearch, type CatalogSearch, type RawSearch } from './catalog-search.js';

/**
 * The catalog page's state, read from and written to the URL. A change of anything but the page
 * goes back to page 1; typing in the text filter replaces the history entry rather than adding one.
 */
export function useCatalogSearch(path: string, fixedKind?: string): [CatalogSearch, (patch: Partial<CatalogSearch>, options?: { replace?: boolean }) => void] {
  const raw = useSearch({ strict: false }) as RawSearch;
  const state = useMemo(() => {
    const parsed = parseCatalogSearch(raw);
    return fixedKind === undefined ? parsed : { ...parsed, kind: fixedKind };
  }, [raw, fixedKind]);
  const navigate = useNavigate();
  const update = useCallback(
    (patch: Partial<CatalogSearch>, options: { replace?: boolean } = {}) => {
      const next: CatalogSearch = { ...state, ...patch, page: patch.page ?? 1 };
      const search = catalogSearchParams(next);
      if (fixedKind !== undefined) delete search.kind;
      void navigate({ to: path, search, replace: options.replace ?? false });
    },
    [state, navigate, path, fixedKind],
  );
  return [state, update];
}
