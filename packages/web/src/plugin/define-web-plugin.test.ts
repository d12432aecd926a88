import { describe, expect, it } from 'vitest';
import { defineWebPlugin, isWebPlugin } from './define-web-plugin.js';
import type { EntityLike } from './extensions.js';

const page = async () => ({ default: () => null });

describe('defineWebPlugin', () => {
  it('fills every extension list so the shell never checks for undefined', () => {
    const plugin = defineWebPlugin({ id: 'catalog', routes: [{ path: '/catalog', page }] });
    expect(plugin).toMatchObject({
      $$type: 'portico.web-plugin',
      id: 'catalog',
      nav: [],
      entityTabs: [],
      entityCards: [],
      homeWidgets: [],
      searchResults: {},
    });
    expect(plugin.routes.map((route) => route.path)).toEqual(['/catalog']);
  });

  it('names every problem of a definition the shell could not mount', () => {
    expect(() =>
      defineWebPlugin({
        id: 'Catalog',
        routes: [
          { path: 'catalog', page },
          { path: '/x', page },
          { path: '/x', page },
        ],
        nav: [{ label: 'Docs', to: 'docs' }],
        homeWidgets: [
          { id: 'recent', title: 'Recent', widget: page },
          { id: 'recent', title: 'Again', widget: page },
        ],
      }),
    ).toThrow(
      "Invalid web plugin 'Catalog': id must be lower-case letters, digits and '-', starting with a letter; " +
        "route path 'catalog' must start with '/'; route path '/x' appears more than once; " +
        "nav item 'Docs' must link to a path starting with '/'; home widget id 'recent' appears more than once",
    );
  });

  it('accepts entity extensions written for a narrower entity type', () => {
    interface ComponentEntity extends EntityLike {
      kind: 'Component';
      spec: { owner: string; lifecycle: string };
    }
    const plugin = defineWebPlugin<ComponentEntity>({
      id: 'ownership',
      entityCards: [
        {
          id: 'owner',
          if: (entity) => entity.spec.lifecycle !== 'deprecated',
          card: async () => ({ default: ({ entity }) => entity.spec.owner }),
        },
      ],
    });
    const entity: ComponentEntity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'payments' },
      spec: { owner: 'team-a', lifecycle: 'production' },
    };
    expect(plugin.entityCards[0]?.if?.(entity)).toBe(true);
  });
});

describe('isWebPlugin', () => {
  it('recognises a defined plugin, also after a structured copy from another bundle', () => {
    const plugin = defineWebPlugin({ id: 'hello' });
    expect(isWebPlugin(plugin)).toBe(true);
    expect(isWebPlugin(structuredClone(plugin))).toBe(true);
  });

  it('rejects plain objects, modules and nothing', () => {
    expect(isWebPlugin({ id: 'hello', routes: [] })).toBe(false);
    expect(isWebPlugin({ $$type: 'portico.server-plugin', id: 'hello' })).toBe(false);
    expect(isWebPlugin(undefined)).toBe(false);
    expect(isWebPlugin('hello')).toBe(false);
  });
});
