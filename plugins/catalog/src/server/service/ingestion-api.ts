import type { Entity } from '@portico/model';

/** A place entities are read from. `type` is `file`, `url` or `git` (Backstage's location types). */
export interface LocationSpec {
  type: string;
  target: string;
}

export interface StoredLocation extends LocationSpec {
  id: string;
}

export interface RegisterLocationResult {
  location: StoredLocation;
  /** The entities the location emits (read and validated now; stored unless dry run). */
  entities: Entity[];
  /** True when the same type and target was already registered. */
  exists?: boolean;
}

export interface AnalyzeLocationResult {
  existingEntityFiles: Array<{ location: LocationSpec; isRegistered: boolean; entity: Entity }>;
  generateEntities: Array<{ entity: Partial<Entity>; fields: Array<{ field: string; value: string | null; state: string; description: string }> }>;
}

export type ValidateEntityResult = { valid: true } | { valid: false; errors: Array<{ name: string; message: string }> };

/**
 * What the catalog's HTTP API asks of the ingestion engine: everything that changes what the
 * catalog holds. Reads go straight to the tables (see query/).
 */
export interface CatalogIngestion {
  /** Reads the location now; registers it and stores its entities unless `dryRun`. ConflictError when registered already. */
  registerLocation(spec: LocationSpec, options: { dryRun: boolean }): Promise<RegisterLocationResult>;
  /** Removes a registered location and every entity it led to. NotFoundError when unknown. */
  removeLocation(id: string): Promise<void>;
  /** Re-reads the location that emitted the entity (by lower-cased ref) and re-processes it. */
  refreshEntity(entityRef: string): Promise<void>;
  /**
   * Deletes one entity by uid. As in Backstage, an entity that its location still emits comes
   * back at the next refresh; orphans stay deleted.
   */
  deleteEntity(uid: string): Promise<void>;
  /** Validates an entity as if read from `location` (`<type>:<target>`), without storing it. */
  validateEntity(entity: unknown, location: string): Promise<ValidateEntityResult>;
  analyzeLocation(spec: LocationSpec, catalogFileName?: string): Promise<AnalyzeLocationResult>;
}
