import type { JsonValue } from '@portico/model';

/**
 * A host function callable from templates. It receives copies of the template's arguments as
 * JSON and returns JSON, which is copied back in: no object crosses the isolate boundary, so a
 * template can only reach what the function itself does with plain data.
 */
export type HostTemplateFunction = (...args: JsonValue[]) => JsonValue | undefined;

/**
 * A custom filter or global function.
 *  - `{ source }`: JavaScript source of a pure function, run inside the isolate (preferred: it
 *    cannot touch the host at all).
 *  - `{ host }`: a host function called with copied JSON (for filters that need host libraries).
 *    It runs synchronously in the host and outside the isolate's time limit, so keep it fast.
 */
export type TemplateFunction = { source: string } | { host: HostTemplateFunction };

/** A custom global: a JSON value, or a function like a filter. */
export type TemplateGlobal = { value: JsonValue } | TemplateFunction;

/** What plugins add to every `${{ }}` evaluation (Backstage's templating extension point). */
export interface TemplateExtensions {
  filters?: Record<string, TemplateFunction>;
  globals?: Record<string, TemplateGlobal>;
}

/** Joins the contributions of several plugins; a later contribution replaces an earlier one. */
export function mergeTemplateExtensions(...parts: (TemplateExtensions | undefined)[]): TemplateExtensions {
  const filters: Record<string, TemplateFunction> = {};
  const globals: Record<string, TemplateGlobal> = {};
  for (const part of parts) {
    Object.assign(filters, part?.filters);
    Object.assign(globals, part?.globals);
  }
  return { filters, globals };
}

const EXTENSION_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set(['constructor', 'prototype', '__proto__']);

/** Throws when a filter or global name could not be written in a template or is reserved. */
export function assertExtensionName(name: string, what: 'filter' | 'global'): void {
  if (!EXTENSION_NAME.test(name) || RESERVED.has(name) || name.startsWith('__portico')) {
    throw new Error(`Template ${what} name "${name}" is not allowed; use letters, digits and "_"`);
  }
}
