import { createEventTopic } from '@portico/server';

/**
 * What the catalog tells other plugins when an entity's final form appears, changes or goes
 * away. Payloads carry ids only (events travel through PostgreSQL NOTIFY between replicas);
 * subscribers read the entity through the catalog when they need it.
 */
export interface CatalogEntityEvent {
  /** Lower-cased `kind:namespace/name`. */
  entityRef: string;
  /** The entity's uid (metadata.uid). */
  entityId: string;
  /** The new metadata.etag; absent on removal. */
  etag?: string;
}

export const catalogEntityAddedTopic = createEventTopic<CatalogEntityEvent>('catalog.entity.added');
export const catalogEntityChangedTopic = createEventTopic<CatalogEntityEvent>('catalog.entity.changed');
export const catalogEntityRemovedTopic = createEventTopic<CatalogEntityEvent>('catalog.entity.removed');
