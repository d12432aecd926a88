import { describe, expect, it } from 'vitest';
import { assemblePlugins } from './assemble-plugins.js';
import { defineWebPlugin } from './define-web-plugin.js';

const page = async () => ({ default: () => null });

describe('assemblePlugins', () => {
  it('keeps built-in plugins first and runtime plugins after them', () => {
    const catalog = defineWebPlugin({ id: 'catalog', routes: [{ path: '/catalog', page }] });
    const hello = defineWebPlugin({ id: 'hello', routes: [{ path: '/hello', page }] });
    const { plugins, problems } = assemblePlugins([catalog], [hello]);
    expect(plugins.map((plugin) => plugin.id)).toEqual(['catalog', 'hello']);
    expect(problems).toEqual([]);
  });

  it('drops a runtime plugin that reuses a built-in id', () => {
    const builtIn = defineWebPlugin({ id: 'catalog', routes: [{ path: '/catalog', page }] });
    const impostor = defineWebPlugin({ id: 'catalog', routes: [{ path: '/catalog-2', page }] });
    const { plugins, problems } = assemblePlugins([builtIn], [impostor]);
    expect(plugins).toEqual([builtIn]);
    expect(problems).toEqual([
      { pluginId: 'catalog', message: "another plugin already has the id 'catalog'; this one was not loaded" },
    ]);
  });

  it('leaves out only the clashing routes of a later plugin and keeps its others', () => {
    const catalog = defineWebPlugin({ id: 'catalog', routes: [{ path: '/catalog', page }] });
    const greedy = defineWebPlugin({
      id: 'greedy',
      routes: [
        { path: '/', page },
        { path: '/catalog', page },
        { path: '/greedy', page },
      ],
      nav: [{ label: 'Greedy', to: '/greedy' }],
    });
    const { plugins, problems } = assemblePlugins([catalog], [greedy]);
    expect(plugins[1]?.routes.map((route) => route.path)).toEqual(['/greedy']);
    expect(plugins[1]?.nav).toEqual(greedy.nav);
    expect(problems).toEqual([
      { pluginId: 'greedy', message: 'the route / already belongs to the shell; it was left out' },
      { pluginId: 'greedy', message: "the route /catalog already belongs to plugin 'catalog'; it was left out" },
    ]);
  });
});
