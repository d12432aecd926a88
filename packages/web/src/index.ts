/**
 * @portico/web: the web kernel. Plugins import their whole API from here; at run time this
 * module is shared with them through the app's import map, so everything exported here is one
 * instance across the app and every plugin.
 */

// Declaring plugins and their extensions
export { defineWebPlugin, isWebPlugin, WEB_PLUGIN_TYPE } from './plugin/define-web-plugin.js';
export type { WebPlugin, WebPluginDefinition } from './plugin/define-web-plugin.js';
export { NAV_SECTIONS } from './plugin/extensions.js';
export type {
  EntityCard,
  EntityExtensionProps,
  EntityComponent,
  EntityLike,
  EntityTab,
  ExtensionSize,
  HomeWidget,
  LazyComponent,
  LazyEntityComponent,
  NavIcon,
  NavItem,
  NavSection,
  RouteExtension,
  SearchResultExtension,
  SearchResultExtensions,
  SearchResultLike,
  SearchResultProps,
} from './plugin/extensions.js';
export type { PluginProblem } from './plugin/assemble-plugins.js';

// Starting the app
export { startPortico, type StartPorticoOptions } from './app/start-portico.js';
export type { PorticoRouterContext } from './routing/create-app-router.js';

// Reading the app's state from components
export {
  useAppRuntime,
  useEntityCards,
  useEntityTabs,
  useHomeWidgets,
  usePlugins,
  useSearchResultExtension,
} from './app/portico-context.js';

// Talking to the server
export {
  createApiClient,
  deleteJson,
  fetchJson,
  getJson,
  patchJson,
  postJson,
  putJson,
  CSRF_HEADER,
  CSRF_HEADER_VALUE,
} from './api/api-client.js';
export type { ApiClient, ApiClientOptions, ApiRequestOptions, QueryParams, QueryValue } from './api/api-client.js';
// Re-exported so that runtime plugins check `instanceof ResponseError` against the app's class.
export { ResponseError, type ErrorResponseBody } from '@portico/model';
export type { AppRuntime, AppRuntimePlugin } from '@portico/model';

// Building blocks for plugin pages
export { PageHeader, type PageHeaderProps } from './components/PageHeader.js';
export { ErrorPanel, type ErrorPanelProps } from './components/ErrorPanel.js';
export { ErrorBoundary, type ErrorBoundaryProps } from './components/ErrorBoundary.js';
export { LazyExtension, type LazyExtensionProps } from './components/LazyExtension.js';
