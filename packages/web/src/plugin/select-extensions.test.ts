import { describe, expect, it, vi } from 'vitest';
import { defineWebPlugin } from './define-web-plugin.js';
import type { EntityLike } from './extensions.js';
import { entityCardsFor, entityTabsFor, homeWidgets, searchResultExtension, sidebarItems } from './select-extensions.js';

const lazy = async () => ({ default: () => null });
const component: EntityLike = { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name: 'payments' } };
const group: EntityLike = { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'team-a' } };

describe('sidebarItems', () => {
  it('puts known sections in their fixed order, then other items in plugin order, settings at the bottom', () => {
    const plugins = [
      defineWebPlugin({ id: 'hello', nav: [{ label: 'Hello', to: '/hello' }] }),
      defineWebPlugin({ id: 'settings', nav: [{ label: 'Settings', to: '/settings', section: 'settings' }] }),
      defineWebPlugin({ id: 'search', nav: [{ label: 'Search', to: '/search', section: 'search' }] }),
      defineWebPlugin({ id: 'catalog', nav: [{ label: 'Catalog', to: '/catalog', section: 'catalog' }] }),
      defineWebPlugin({ id: 'extra', nav: [{ label: 'Extra', to: '/extra' }] }),
      defineWebPlugin({ id: 'docs', nav: [{ label: 'Docs', to: '/docs', section: 'docs' }] }),
    ];
    const { main, bottom } = sidebarItems(plugins);
    expect(main.map((item) => item.label)).toEqual(['Catalog', 'Docs', 'Search', 'Hello', 'Extra']);
    expect(bottom.map((item) => item.label)).toEqual(['Settings']);
  });
});

describe('entity extensions', () => {
  const plugins = [
    defineWebPlugin({
      id: 'catalog',
      entityTabs: [
        { id: 'overview', title: 'Overview', order: 0, page: lazy },
        { id: 'members', title: 'Members', if: (entity) => entity.kind === 'Group', page: lazy },
      ],
    }),
    defineWebPlugin({
      id: 'techdocs',
      entityTabs: [{ id: 'docs', title: 'Docs', order: 10, page: lazy }],
      entityCards: [
        {
          id: 'faulty',
          if: () => {
            throw new Error('bad filter');
          },
          card: lazy,
        },
        { id: 'about', card: lazy },
      ],
    }),
  ];

  it('orders tabs and shows each only for the entities its filter accepts', () => {
    expect(entityTabsFor(plugins, component).map((tab) => tab.id)).toEqual(['overview', 'docs']);
    expect(entityTabsFor(plugins, group).map((tab) => tab.id)).toEqual(['overview', 'docs', 'members']);
  });

  it('hides an extension whose filter throws and keeps the others', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(entityCardsFor(plugins, component).map((card) => card.id)).toEqual(['about']);
      expect(logged.mock.calls.map((call) => call[0])).toEqual(["The filter of entity extension 'faulty' failed"]);
    } finally {
      logged.mockRestore();
    }
  });
});

describe('homeWidgets and searchResultExtension', () => {
  it('orders widgets and lets the first plugin claiming a document type render it', () => {
    const first = { label: 'Software Catalog', result: lazy };
    const plugins = [
      defineWebPlugin({
        id: 'catalog',
        homeWidgets: [{ id: 'recent', title: 'Recent', widget: lazy }],
        searchResults: { 'software-catalog': first },
      }),
      defineWebPlugin({
        id: 'other',
        homeWidgets: [{ id: 'starred', title: 'Starred', order: 1, widget: lazy }],
        searchResults: { 'software-catalog': { label: 'Other', result: lazy } },
      }),
    ];
    expect(homeWidgets(plugins).map((widget) => widget.id)).toEqual(['starred', 'recent']);
    expect(searchResultExtension(plugins, 'software-catalog')).toBe(first);
    expect(searchResultExtension(plugins, 'techdocs')).toBeUndefined();
  });
});
