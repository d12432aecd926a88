import { createExtensionPoint } from '@portico/server';
import type { AnyTemplateAction } from './actions/types.js';
import type { TemplateExtensions } from './expressions/extensions.js';

/** Contribute a scaffolder action from another plugin: `context.extend(scaffolderActionsExtensionPoint, action)`. */
export const scaffolderActionsExtensionPoint = createExtensionPoint<AnyTemplateAction>({
  id: 'scaffolder.actions',
  pluginId: 'scaffolder',
});

/**
 * Contribute `${{ }}` filters and globals: `context.extend(scaffolderTemplatingExtensionPoint,
 * { filters: { slug: { source: 'function (s) { ... }' } } })`. Prefer `source` functions (they run
 * inside the isolate); `host` functions get and return copied JSON only.
 */
export const scaffolderTemplatingExtensionPoint = createExtensionPoint<TemplateExtensions>({
  id: 'scaffolder.templating',
  pluginId: 'scaffolder',
});
