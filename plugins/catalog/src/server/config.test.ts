import { describe, expect, it } from 'vitest';
import { parseCatalogConfig } from './config.js';

describe('the catalog config section', () => {
  it('has Backstage-like defaults', () => {
    const config = parseCatalogConfig(undefined);
    expect(config).toMatchObject({
      locations: [],
      processingInterval: { seconds: 100 },
      orphanStrategy: 'delete',
      allowedLocationTypes: ['url', 'git'],
      readonly: false,
      limits: { maxFileBytes: 10 * 1024 * 1024, maxDepth: 100, maxRedirects: 5, maxLocationDepth: 32 },
    });
    expect(config.rules).toBeUndefined();
  });

  it('reads Backstage rule formats and tolerates keys it does not use', () => {
    const config = parseCatalogConfig({
      rules: [{ allow: ['Component', { kind: 'Resource', 'spec.type': 'database' }], locations: [{ type: 'url', pattern: 'https://github.com/org/*/blob/main/*.yaml' }] }],
      locations: [{ type: 'file', target: './org.yaml', rules: [{ allow: ['User', 'Group'] }] }],
      stitchingStrategy: { mode: 'deferred' },
      orphanStrategy: 'keep',
      processingInterval: { minutes: 30 },
    });
    expect(config.rules?.[0]?.allow).toEqual([{ kind: 'Component' }, { kind: 'Resource', 'spec.type': 'database' }]);
    expect(config.orphanStrategy).toBe('keep');
  });

  it('names the key of a bad value', () => {
    expect(() => parseCatalogConfig({ orphanStrategy: 'sometimes' })).toThrow(/orphanStrategy/);
    expect(() => parseCatalogConfig({ rules: [{ allow: ['API'], locations: [{ type: 'url', exact: 'a', pattern: 'b' }] }] })).toThrow(
      'a catalog rule location takes either exact or pattern, not both',
    );
  });
});
