import type { WebPlugin } from './define-web-plugin.js';
import {
  NAV_SECTIONS,
  type EntityCard,
  type EntityLike,
  type EntityTab,
  type HomeWidget,
  type NavItem,
  type SearchResultExtension,
} from './extensions.js';

const DEFAULT_ORDER = 100;

export interface SidebarItems {
  /** Items under Home: the known sections in their fixed order, then the rest in plugin order. */
  main: readonly NavItem[];
  /** Items pinned to the bottom of the sidebar (settings). */
  bottom: readonly NavItem[];
}

export function sidebarItems(plugins: readonly WebPlugin[]): SidebarItems {
  const items = plugins.flatMap((plugin) => plugin.nav);
  const rank = (item: NavItem): number =>
    item.section === undefined ? NAV_SECTIONS.length : NAV_SECTIONS.indexOf(item.section);
  // Array.prototype.sort is stable, so items of equal rank keep plugin order.
  const ordered = [...items].sort((a, b) => rank(a) - rank(b));
  return {
    main: ordered.filter((item) => item.section !== 'settings'),
    bottom: ordered.filter((item) => item.section === 'settings'),
  };
}

export function homeWidgets(plugins: readonly WebPlugin[]): readonly HomeWidget[] {
  return byOrder(plugins.flatMap((plugin) => plugin.homeWidgets));
}

/** The entity page's tabs for this entity, in display order. */
export function entityTabsFor(plugins: readonly WebPlugin[], entity: EntityLike): readonly EntityTab[] {
  return byOrder(plugins.flatMap((plugin) => plugin.entityTabs).filter((tab) => appliesTo(tab, entity)));
}

/** The overview cards for this entity, in display order. */
export function entityCardsFor(plugins: readonly WebPlugin[], entity: EntityLike): readonly EntityCard[] {
  return byOrder(plugins.flatMap((plugin) => plugin.entityCards).filter((card) => appliesTo(card, entity)));
}

/** The renderer for a search document type; the first plugin to claim a type renders it. */
export function searchResultExtension(plugins: readonly WebPlugin[], type: string): SearchResultExtension | undefined {
  for (const plugin of plugins) {
    const extension = plugin.searchResults[type];
    if (extension !== undefined) return extension;
  }
  return undefined;
}

function byOrder<T extends { order?: number }>(extensions: readonly T[]): readonly T[] {
  return [...extensions].sort((a, b) => (a.order ?? DEFAULT_ORDER) - (b.order ?? DEFAULT_ORDER));
}

function appliesTo(extension: { id: string; if?: (entity: EntityLike) => boolean }, entity: EntityLike): boolean {
  if (extension.if === undefined) return true;
  try {
    return extension.if(entity);
  } catch (error) {
    // One plugin's faulty filter hides only its own extension, never the entity page.
    console.error(`The filter of entity extension '${extension.id}' failed`, error);
    return false;
  }
}
