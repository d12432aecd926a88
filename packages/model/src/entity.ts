import type { JsonObject, JsonValue } from './json.js';

/** The namespace an entity lives in when its file does not say. */
export const DEFAULT_NAMESPACE = 'default';

/** A hyperlink shown on the entity page. */
export type EntityLink = {
  url: string;
  title?: string;
  icon?: string;
  type?: string;
  [key: string]: JsonValue | undefined;
};

/** `metadata` of every entity. Only `name` is required in a file. */
export type EntityMeta = {
  name: string;
  /** Defaults to `default`; validation fills it in. */
  namespace?: string;
  title?: string;
  description?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  tags?: string[];
  links?: EntityLink[];
  /** Set by the catalog; not stable across re-registration. */
  uid?: string;
  /** Set by the catalog; changes on every update. */
  etag?: string;
  [key: string]: JsonValue | undefined;
};

/** A directed edge to another entity, as stored on the source entity. */
export type EntityRelation = {
  type: string;
  /** Canonical lower-cased `kind:namespace/name`. */
  targetRef: string;
};

export type EntityStatusLevel = 'info' | 'warning' | 'error';

export type SerializedError = {
  name: string;
  message: string;
  code?: string;
  stack?: string;
  [key: string]: JsonValue | undefined;
};

export type EntityStatusItem = {
  type: string;
  level: EntityStatusLevel;
  message: string;
  error?: SerializedError;
  [key: string]: JsonValue | undefined;
};

export type EntityStatus = {
  items?: EntityStatusItem[];
  [key: string]: JsonValue | undefined;
};

/**
 * The envelope every catalog entity shares. `relations` and `status` are filled in by the
 * catalog and are read-only: an entity file that sets them is rejected.
 */
export interface Entity<TSpec extends JsonObject = JsonObject> {
  apiVersion: string;
  kind: string;
  metadata: EntityMeta;
  spec?: TSpec;
  relations?: EntityRelation[];
  status?: EntityStatus;
}

/** The apiVersions the built-in `backstage.io` kinds accept. */
export const BACKSTAGE_API_VERSIONS = ['backstage.io/v1alpha1', 'backstage.io/v1beta1'] as const;
export type BackstageApiVersion = (typeof BACKSTAGE_API_VERSIONS)[number];
