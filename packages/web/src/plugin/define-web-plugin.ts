import type {
  EntityCard,
  EntityLike,
  EntityTab,
  HomeWidget,
  NavItem,
  RouteExtension,
  SearchResultExtensions,
} from './extensions.js';

/**
 * What a plugin contributes to the web app. `TEntity` is the entity type its entity tabs and
 * cards expect; the catalog's entity page passes entities of that type.
 */
export interface WebPluginDefinition<TEntity extends EntityLike = EntityLike> {
  /** Lower-case id, the same as the plugin's server id. */
  id: string;
  routes?: readonly RouteExtension[];
  nav?: readonly NavItem[];
  entityTabs?: readonly EntityTab<TEntity>[];
  entityCards?: readonly EntityCard<TEntity>[];
  homeWidgets?: readonly HomeWidget[];
  searchResults?: SearchResultExtensions;
}

/** A checked plugin definition, ready for the shell. Create it with `defineWebPlugin`. */
export interface WebPlugin {
  readonly $$type: typeof WEB_PLUGIN_TYPE;
  readonly id: string;
  readonly routes: readonly RouteExtension[];
  readonly nav: readonly NavItem[];
  readonly entityTabs: readonly EntityTab[];
  readonly entityCards: readonly EntityCard[];
  readonly homeWidgets: readonly HomeWidget[];
  readonly searchResults: SearchResultExtensions;
}

/**
 * Tags a plugin object. A plain string rather than a Symbol, so a plugin built against another
 * copy of this package is still recognised when the shell imports it at run time.
 */
export const WEB_PLUGIN_TYPE = 'portico.web-plugin';

const pluginIdPattern = /^[a-z][a-z0-9-]{0,39}$/;
const extensionIdPattern = /^[a-z][a-z0-9-]*$/;

/** Declares a web plugin. Throws on a definition the shell could not mount. */
export function defineWebPlugin<TEntity extends EntityLike = EntityLike>(
  definition: WebPluginDefinition<TEntity>,
): WebPlugin {
  const problems = definitionProblems(definition);
  if (problems.length > 0) {
    throw new Error(`Invalid web plugin '${definition.id}': ${problems.join('; ')}`);
  }
  return {
    $$type: WEB_PLUGIN_TYPE,
    id: definition.id,
    routes: definition.routes ?? [],
    nav: definition.nav ?? [],
    entityTabs: definition.entityTabs ?? [],
    entityCards: definition.entityCards ?? [],
    homeWidgets: definition.homeWidgets ?? [],
    searchResults: definition.searchResults ?? {},
  };
}

/** Narrows an unknown module export (e.g. from a runtime plugin) to a web plugin. */
export function isWebPlugin(value: unknown): value is WebPlugin {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (
    record.$$type === WEB_PLUGIN_TYPE &&
    typeof record.id === 'string' &&
    Array.isArray(record.routes) &&
    Array.isArray(record.nav) &&
    Array.isArray(record.entityTabs) &&
    Array.isArray(record.entityCards) &&
    Array.isArray(record.homeWidgets) &&
    typeof record.searchResults === 'object' &&
    record.searchResults !== null
  );
}

function definitionProblems<TEntity extends EntityLike>(definition: WebPluginDefinition<TEntity>): string[] {
  const problems: string[] = [];
  if (!pluginIdPattern.test(definition.id)) {
    problems.push("id must be lower-case letters, digits and '-', starting with a letter");
  }
  for (const route of definition.routes ?? []) {
    if (!route.path.startsWith('/')) problems.push(`route path '${route.path}' must start with '/'`);
  }
  problems.push(...duplicates('route path', (definition.routes ?? []).map((route) => route.path)));
  for (const item of definition.nav ?? []) {
    if (!item.to.startsWith('/')) problems.push(`nav item '${item.label}' must link to a path starting with '/'`);
  }
  const extensionIds: Array<[string, string[]]> = [
    ['entity tab', (definition.entityTabs ?? []).map((tab) => tab.id)],
    ['entity card', (definition.entityCards ?? []).map((card) => card.id)],
    ['home widget', (definition.homeWidgets ?? []).map((widget) => widget.id)],
  ];
  for (const [what, ids] of extensionIds) {
    for (const id of ids) {
      if (!extensionIdPattern.test(id)) problems.push(`${what} id '${id}' must be lower-case letters, digits and '-'`);
    }
    problems.push(...duplicates(`${what} id`, ids));
  }
  return problems;
}

function duplicates(what: string, values: readonly string[]): string[] {
  const seen = new Set<string>();
  const reported = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) reported.add(value);
    seen.add(value);
  }
  return [...reported].map((value) => `${what} '${value}' appears more than once`);
}
