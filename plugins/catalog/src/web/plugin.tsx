import CategoryOutlinedIcon from '@mui/icons-material/CategoryOutlined';
import ApiOutlinedIcon from '@mui/icons-material/ApiOutlined';
import ExploreOutlinedIcon from '@mui/icons-material/ExploreOutlined';
import type { Entity } from '@portico/model';
import { defineWebPlugin, type EntityCard } from '@portico/web';
import { RELATION_CARDS, relationCardApplies } from './cards/relation-cards.js';

const kindIs =
  (...kinds: string[]) =>
  (entity: Entity) =>
    kinds.includes(entity.kind.toLocaleLowerCase('en-US'));
const kindIsNot =
  (...kinds: string[]) =>
  (entity: Entity) =>
    !kinds.includes(entity.kind.toLocaleLowerCase('en-US'));

// The overview's cards share one chunk; each loader picks its component from it.
const cards = () => import('./cards/index.js');

const relationCards: EntityCard<Entity>[] = RELATION_CARDS.map((spec) => ({
  id: spec.id,
  size: 'medium',
  order: spec.order,
  if: (entity: Entity) => relationCardApplies(spec, entity),
  card: () => cards().then((module) => ({ default: module.relationCards[spec.id]! })),
}));

/**
 * The catalog's web part: the catalog table, entity pages (with the group and user pages), the
 * relations graph and registering existing components. Every page is its own lazy chunk.
 */
export default defineWebPlugin<Entity>({
  id: 'catalog',
  routes: [
    { path: '/catalog', title: 'Catalog', page: () => import('./pages/CatalogPage.js') },
    { path: '/api-docs', title: 'APIs', page: () => import('./pages/ApisPage.js') },
    { path: '/catalog/$namespace/$kind/$name', title: 'Entity', page: () => import('./pages/EntityPage.js') },
    { path: '/catalog/$namespace/$kind/$name/$tab', title: 'Entity', page: () => import('./pages/EntityPage.js') },
    { path: '/catalog-graph', title: 'Relations graph', page: () => import('./pages/GraphPage.js') },
    { path: '/catalog-import', title: 'Register an existing component', page: () => import('./pages/ImportPage.js') },
    { path: '/explore', title: 'Explore', page: () => import('./pages/ExplorePage.js') },
  ],
  nav: [
    { label: 'Catalog', to: '/catalog', icon: CategoryOutlinedIcon, section: 'catalog' },
    { label: 'APIs', to: '/api-docs', icon: ApiOutlinedIcon, section: 'apis' },
    { label: 'Explore', to: '/explore', icon: ExploreOutlinedIcon, section: 'explore' },
  ],
  entityTabs: [{ id: 'overview', title: 'Overview', order: 0, page: () => import('./entity/OverviewTab.js') }],
  entityCards: [
    { id: 'about', size: 'medium', order: 10, if: kindIsNot('group', 'user'), card: () => cards().then((module) => ({ default: module.AboutCard })) },
    { id: 'profile', size: 'small', order: 10, if: kindIs('group', 'user'), card: () => cards().then((module) => ({ default: module.ProfileCard })) },
    { id: 'ownership', size: 'large', order: 11, if: kindIs('group', 'user'), card: () => cards().then((module) => ({ default: module.OwnershipCard })) },
    { id: 'members', size: 'full', order: 20, if: kindIs('group'), card: () => cards().then((module) => ({ default: module.MembersCard })) },
    { id: 'relations-graph', size: 'medium', order: 20, if: kindIsNot('group', 'user'), card: () => import('./graph/GraphCard.js') },
    { id: 'org-graph', size: 'full', order: 30, if: kindIs('group', 'user'), card: () => import('./graph/GraphCard.js') },
    ...relationCards,
    { id: 'history', size: 'full', order: 900, card: () => cards().then((module) => ({ default: module.HistoryCard })) },
  ],
  homeWidgets: [{ id: 'starred-entities', title: 'Starred entities', size: 'medium', order: 10, widget: () => import('./home/StarredWidget.js') }],
  searchResults: {
    'software-catalog': { label: 'Software Catalog', icon: CategoryOutlinedIcon, result: () => import('./search/CatalogSearchResult.js') },
  },
});
