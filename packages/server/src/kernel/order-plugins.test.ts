import { describe, expect, it } from 'vitest';
import { createExtensionPoint, createServiceRef, defineServerPlugin } from '../plugin-api/index.js';
import { orderPlugins } from './order-plugins.js';

const noop = () => undefined;
const catalogService = createServiceRef<{ count(): number }>({ id: 'catalog.service' });
const processors = createExtensionPoint<string>({ id: 'catalog.processors', pluginId: 'catalog' });

const catalog = defineServerPlugin({ id: 'catalog', provides: [catalogService], setup: noop });
const search = defineServerPlugin({ id: 'search', deps: { catalog: catalogService }, setup: noop });
const github = defineServerPlugin({ id: 'github', extends: [processors], setup: noop });

describe('orderPlugins', () => {
  it('sets up providers before consumers and contributors before extension point owners', () => {
    const ids = orderPlugins([search, catalog, github]).map((plugin) => plugin.id);
    expect(ids.indexOf('catalog')).toBeLessThan(ids.indexOf('search'));
    expect(ids.indexOf('github')).toBeLessThan(ids.indexOf('catalog'));
  });

  it('keeps the given order where nothing depends on anything', () => {
    const a = defineServerPlugin({ id: 'a', setup: noop });
    const b = defineServerPlugin({ id: 'b', setup: noop });
    expect(orderPlugins([b, a]).map((plugin) => plugin.id)).toEqual(['b', 'a']);
  });

  it('names the plugin and service when a dependency has no provider', () => {
    expect(() => orderPlugins([search])).toThrow(
      "Plugin 'search' needs service 'catalog.service' (deps.catalog), but no loaded plugin provides it",
    );
  });

  it('names the missing owner of an extension point', () => {
    expect(() => orderPlugins([github])).toThrow(/extends 'catalog.processors'.*plugin 'catalog' that is not loaded/);
  });

  it('reports a dependency cycle with its path', () => {
    const aService = createServiceRef<number>({ id: 'a.service' });
    const bService = createServiceRef<number>({ id: 'b.service' });
    const a = defineServerPlugin({ id: 'a', provides: [aService], deps: { b: bService }, setup: noop });
    const b = defineServerPlugin({ id: 'b', provides: [bService], deps: { a: aService }, setup: noop });
    expect(() => orderPlugins([a, b])).toThrow('Plugins depend on each other in a cycle: a -> b -> a');
  });

  it('refuses two plugins with one id and two providers of one service', () => {
    expect(() => orderPlugins([catalog, catalog])).toThrow("Two plugins have the id 'catalog'");
    const other = defineServerPlugin({ id: 'other', provides: [catalogService], setup: noop });
    expect(() => orderPlugins([catalog, other])).toThrow("Service 'catalog.service' is provided by both 'catalog' and 'other'");
  });

  it('rejects plugin ids that cannot be a URL segment and table prefix', () => {
    expect(() => defineServerPlugin({ id: 'Bad Id', setup: noop })).toThrow(/Invalid plugin id 'Bad Id'/);
  });
});
