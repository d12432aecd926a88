import type { AppRuntime } from '@portico/model';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { PluginProblem } from '../plugin/assemble-plugins.js';
import type { WebPlugin } from '../plugin/define-web-plugin.js';
import type { EntityCard, EntityLike, EntityTab, HomeWidget, SearchResultExtension } from '../plugin/extensions.js';
import {
  entityCardsFor,
  entityTabsFor,
  homeWidgets,
  searchResultExtension,
  sidebarItems,
  type SidebarItems,
} from '../plugin/select-extensions.js';

/** What the shell knows once it has started: the runtime, the mounted plugins, what went wrong. */
export interface PorticoState {
  runtime: AppRuntime;
  plugins: readonly WebPlugin[];
  pluginProblems: readonly PluginProblem[];
  /** Set when the runtime could not be read and defaults are in use. */
  runtimeProblem?: string;
}

const PorticoContext = createContext<PorticoState | undefined>(undefined);

export function PorticoProvider({ state, children }: { state: PorticoState; children: ReactNode }) {
  return <PorticoContext.Provider value={state}>{children}</PorticoContext.Provider>;
}

export function usePorticoState(): PorticoState {
  const state = useContext(PorticoContext);
  if (state === undefined) throw new Error('Portico hooks must be used inside the Portico app');
  return state;
}

/** Branding and the runtime plugin list the server sent. */
export function useAppRuntime(): AppRuntime {
  return usePorticoState().runtime;
}

/** Every mounted plugin, built-in first. */
export function usePlugins(): readonly WebPlugin[] {
  return usePorticoState().plugins;
}

export function useSidebarItems(): SidebarItems {
  const plugins = usePlugins();
  return useMemo(() => sidebarItems(plugins), [plugins]);
}

export function useHomeWidgets(): readonly HomeWidget[] {
  const plugins = usePlugins();
  return useMemo(() => homeWidgets(plugins), [plugins]);
}

/** The entity page's tabs that apply to this entity, in order. */
export function useEntityTabs(entity: EntityLike): readonly EntityTab[] {
  const plugins = usePlugins();
  return useMemo(() => entityTabsFor(plugins, entity), [plugins, entity]);
}

/** The overview cards that apply to this entity, in order. */
export function useEntityCards(entity: EntityLike): readonly EntityCard[] {
  const plugins = usePlugins();
  return useMemo(() => entityCardsFor(plugins, entity), [plugins, entity]);
}

/** The renderer for one search document type, if a plugin provides it. */
export function useSearchResultExtension(type: string): SearchResultExtension | undefined {
  const plugins = usePlugins();
  return useMemo(() => searchResultExtension(plugins, type), [plugins, type]);
}
