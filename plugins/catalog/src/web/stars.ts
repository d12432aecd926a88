import { useCallback, useSyncExternalStore } from 'react';

/**
 * Starred entities, by lower-cased ref, kept in this browser's localStorage until the portal
 * knows who its users are. Every component using the hook sees a change at once, and so do
 * other tabs (the storage event).
 */
export const STARRED_STORAGE_KEY = 'portico.catalog.starred';

const listeners = new Set<() => void>();
let cachedRaw: string | null | undefined;
let cachedRefs: readonly string[] = [];

function read(): readonly string[] {
  let raw: string | null;
  try {
    raw = window.localStorage.getItem(STARRED_STORAGE_KEY);
  } catch {
    raw = null;
  }
  if (raw === cachedRaw) return cachedRefs;
  cachedRaw = raw;
  cachedRefs = parseStarred(raw);
  return cachedRefs;
}

export function parseStarred(raw: string | null): readonly string[] {
  if (raw === null) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? [...new Set(parsed.filter((item): item is string => typeof item === 'string'))] : [];
  } catch {
    return [];
  }
}

function write(refs: readonly string[]): void {
  try {
    window.localStorage.setItem(STARRED_STORAGE_KEY, JSON.stringify(refs));
  } catch {
    // Storage full or blocked: the star lasts for this page only.
    cachedRaw = JSON.stringify(refs);
    cachedRefs = refs;
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => {
    if (event.key === STARRED_STORAGE_KEY) listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export interface StarredEntities {
  /** Lower-cased refs, in the order they were starred. */
  refs: readonly string[];
  isStarred(ref: string): boolean;
  toggle(ref: string): void;
}

export function useStarredEntities(): StarredEntities {
  const refs = useSyncExternalStore(subscribe, read, () => cachedRefs);
  const isStarred = useCallback((ref: string) => refs.includes(ref.toLocaleLowerCase('en-US')), [refs]);
  const toggle = useCallback((ref: string) => {
    const key = ref.toLocaleLowerCase('en-US');
    const current = read();
    write(current.includes(key) ? current.filter((item) => item !== key) : [...current, key]);
  }, []);
  return { refs, isStarred, toggle };
}
