import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '@portico/model';
import { createBuiltinActions } from './builtin/index.js';
import { ActionRegistry } from './registry.js';

describe('ActionRegistry', () => {
  const registry = new ActionRegistry(createBuiltinActions());

  it('lists the built-in actions with JSON Schemas made from their zod schemas', () => {
    const described = registry.describe();
    expect(described.map((action) => action.id)).toEqual([
      'catalog:write', 'debug:log', 'debug:wait', 'fetch:plain', 'fetch:plain:file', 'fetch:template', 'fs:delete', 'fs:readdir', 'fs:rename',
      'publish:git', 'publish:github', 'publish:github:pull-request', 'publish:gitlab',
    ]);
    // The catalog actions come with a way to reach the catalog.
    const withCatalog = createBuiltinActions({ catalog: { getEntityByRef: async () => undefined, registerLocation: async () => ({ entities: [], exists: false }) } });
    expect(withCatalog.map((action) => action.id).filter((id) => id.startsWith('catalog:')).sort()).toEqual(['catalog:fetch', 'catalog:register', 'catalog:write']);
    const fetchTemplate = described.find((action) => action.id === 'fetch:template');
    expect(fetchTemplate?.schema.input).toMatchObject({
      type: 'object',
      required: ['url'],
      properties: { url: { type: 'string', description: 'Skeleton folder, relative to the template' }, replace: { type: 'boolean', default: false } },
    });
    expect(described.find((action) => action.id === 'publish:git')?.schema.output).toMatchObject({
      type: 'object',
      properties: { remoteUrl: { type: 'string' }, commitHash: { type: 'string' } },
    });
    expect(JSON.parse(JSON.stringify(described))).toEqual(described);
  });

  it('refuses a second action with the same id and says which actions exist for an unknown one', () => {
    expect(() => registry.register(createBuiltinActions()[0]!)).toThrow(ConflictError);
    expect(() => registry.get('publish:azure')).toThrow(NotFoundError);
    expect(() => registry.get('publish:azure')).toThrow(/not installed; available: catalog:write, debug:log, debug:wait/);
  });
});
