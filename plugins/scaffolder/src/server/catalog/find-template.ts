import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  InputError,
  isTemplateEntity,
  NotFoundError,
  parseEntityRef,
  stringifyEntityRef,
  TEMPLATE_API_VERSION,
  type Entity,
  type TemplateEntity,
} from '@portico/model';
import { directoryToBaseUrl } from '../actions/template-source.js';
import type { CatalogAccess } from './catalog-access.js';

const LOCATION_ANNOTATION = 'backstage.io/managed-by-location';

/** Reads a Template entity from the catalog; 404 when missing, 400 when it is not a v1beta3 template. */
export async function findTemplate(catalog: CatalogAccess, templateRef: string): Promise<TemplateEntity> {
  const ref = parseEntityRef(templateRef, { defaultKind: 'template' });
  const shown = stringifyEntityRef(ref);
  const entity = await catalog.getEntityByRef(shown);
  if (!entity) throw new NotFoundError(`Template ${shown} was not found in the catalog`);
  if (entity.kind.toLowerCase() !== 'template') throw new InputError(`${shown} is a ${entity.kind}, not a Template`);
  if (!isTemplateEntity(entity)) {
    throw new InputError(`Template ${shown} has apiVersion ${entity.apiVersion}; only ${TEMPLATE_API_VERSION} templates can run`);
  }
  return entity;
}

/**
 * The folder a catalog entity was read from, as the base URL its steps resolve `./skeleton`
 * against: from `backstage.io/managed-by-location` (`file:/…/template.yaml` or `url:https://…`).
 */
export function entityBaseUrl(entity: Entity): string | undefined {
  const location = entity.metadata.annotations?.[LOCATION_ANNOTATION];
  if (!location) return undefined;
  const colon = location.indexOf(':');
  const type = location.slice(0, colon);
  const target = location.slice(colon + 1);
  if (type === 'file') {
    const file = target.startsWith('file:') ? fileURLToPath(target) : target;
    return directoryToBaseUrl(path.dirname(file));
  }
  if (type === 'url') {
    try {
      return new URL('./', target).href;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
