import type { Entity } from '@portico/model';
import { createExtensionPoint } from '@portico/server';

/**
 * An entity as a provider hands it over. `locationKey` names where it comes from inside the
 * provider; the same ref from another key (or another provider or location) is a conflict, and
 * the first emitter keeps it.
 */
export interface DeferredEntity {
  entity: Entity;
  locationKey?: string;
}

/**
 * A change a provider makes to its own share of the catalog (Backstage's applyMutation model):
 * `full` replaces everything the provider emitted before (what is missing is removed); `delta`
 * adds or replaces some entities and removes others.
 */
export type EntityProviderMutation =
  | { type: 'full'; entities: DeferredEntity[] }
  | { type: 'delta'; added: DeferredEntity[]; removed: Array<DeferredEntity | { entityRef: string; locationKey?: string }> };

/** What a provider's apply gives back: the refs stored, and the problems of the rest. */
export interface EntityProviderMutationResult {
  /** Lower-cased refs of the entities stored or kept. */
  accepted: string[];
  /** One line per entity that was rejected (invalid, or owned by another source). */
  errors: string[];
}

export interface EntityProviderConnection {
  applyMutation(mutation: EntityProviderMutation): Promise<EntityProviderMutationResult>;
}

/**
 * A source of entities that is not a file: an org chart from an identity system, repositories
 * from a code host. Provider entities are trusted: catalog rules do not apply to them, but they
 * are validated like any other entity.
 */
export interface EntityProvider {
  /** Unique among providers; names the provider's share of the catalog (`provider:<name>`). */
  getProviderName(): string;
  /** Called once the catalog is ready; keep the connection and apply mutations whenever. */
  connect(connection: EntityProviderConnection): Promise<void>;
}

/** Contribute entity providers from another plugin: `context.extend(catalogProvidersExtensionPoint, provider)`. */
export const catalogProvidersExtensionPoint = createExtensionPoint<EntityProvider>({
  id: 'catalog.providers',
  pluginId: 'catalog',
});
