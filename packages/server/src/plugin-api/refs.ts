/**
 * Typed references that connect plugins without string lookups or global type augmentation:
 * a service one plugin publishes and others depend on, an extension point one plugin owns and
 * others contribute to, and an event topic with its payload type.
 */

/** A service published by one plugin and consumed by others through `deps`. */
export interface ServiceRef<T> {
  readonly kind: 'service';
  readonly id: string;
  /** Phantom field carrying the service type; never read at run time. */
  readonly __type?: T;
}

export function createServiceRef<T>(options: { id: string }): ServiceRef<T> {
  return { kind: 'service', id: options.id };
}

/**
 * A slot owned by one plugin (`pluginId`) that other plugins fill with contributions of type T,
 * e.g. catalog processors. Contributors run their setup before the owner, so the owner sees every
 * contribution when its own setup runs.
 */
export interface ExtensionPointRef<T> {
  readonly kind: 'extension-point';
  readonly id: string;
  readonly pluginId: string;
  readonly __type?: T;
}

export function createExtensionPoint<T>(options: { id: string; pluginId: string }): ExtensionPointRef<T> {
  return { kind: 'extension-point', id: options.id, pluginId: options.pluginId };
}

/** A named event with a JSON payload of type T. */
export interface EventTopic<T> {
  readonly kind: 'event-topic';
  readonly id: string;
  readonly __type?: T;
}

export function createEventTopic<T>(id: string): EventTopic<T> {
  return { kind: 'event-topic', id };
}
