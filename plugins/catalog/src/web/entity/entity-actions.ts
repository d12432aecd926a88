import type { Entity } from '@portico/model';

const VIEW_URL = 'backstage.io/view-url';
const EDIT_URL = 'backstage.io/edit-url';
const MANAGED_BY_LOCATION = 'backstage.io/managed-by-location';

function httpUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where "view source" and "edit source" go: the entity's view/edit annotations, else the
 * location it was read from when that is a URL (`url:https://...`). Only http(s) links.
 */
export function sourceLinks(entity: Pick<Entity, 'metadata'>): { view: string | undefined; edit: string | undefined } {
  const annotations = entity.metadata.annotations ?? {};
  const managed = annotations[MANAGED_BY_LOCATION];
  const managedUrl = managed?.startsWith('url:') ? httpUrl(managed.slice('url:'.length)) : undefined;
  return {
    view: httpUrl(annotations[VIEW_URL]) ?? managedUrl,
    edit: httpUrl(annotations[EDIT_URL]),
  };
}
