import { describe, expect, it, vi } from 'vitest';
import { loadRuntimePlugins } from './load-runtime-plugins.js';

/** A real ES module, imported by Node the way the browser imports a plugin's module. */
function moduleUrl(source: string): string {
  return `data:text/javascript,${encodeURIComponent(source)}`;
}

const pluginModule = (id: string) =>
  moduleUrl(
    `export default { $$type: 'portico.web-plugin', id: ${JSON.stringify(id)}, routes: [], nav: [{ label: 'Hello', to: '/hello' }],` +
      ` entityTabs: [], entityCards: [], homeWidgets: [], searchResults: {} };`,
  );

describe('loadRuntimePlugins', () => {
  it('imports every module and reports each broken one without stopping the others', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const load = await loadRuntimePlugins([
        { id: 'hello', moduleUrl: pluginModule('hello') },
        { id: 'missing', moduleUrl: 'file:///nonexistent/portico-plugin.js' },
        { id: 'throws', moduleUrl: moduleUrl("throw new Error('plugin crashed at import');") },
        { id: 'plain', moduleUrl: moduleUrl('export default { id: "plain" };') },
        { id: 'renamed', moduleUrl: pluginModule('other') },
      ]);
      expect(load.plugins.map((plugin) => plugin.id)).toEqual(['hello']);
      expect(load.problems.map((problem) => problem.pluginId)).toEqual(['missing', 'throws', 'plain', 'renamed']);
      expect(load.problems[1]?.message).toBe('could not be loaded: plugin crashed at import');
      expect(load.problems[2]?.message).toBe('does not default-export a plugin made with defineWebPlugin');
      expect(load.problems[3]?.message).toBe("declares the id 'other', but the server installed it as 'renamed'");
      expect(errors).toHaveBeenCalledTimes(4);
    } finally {
      errors.mockRestore();
    }
  });

  it('gives up on a module that never finishes loading', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const load = await loadRuntimePlugins([{ id: 'slow', moduleUrl: '/plugins/slow/index.js' }], {
        importModule: () => new Promise(() => undefined),
        timeoutMs: 50,
      });
      expect(load.plugins).toEqual([]);
      expect(load.problems).toEqual([
        { pluginId: 'slow', message: 'could not be loaded: /plugins/slow/index.js did not load within 50 ms' },
      ]);
    } finally {
      errors.mockRestore();
    }
  });
});
