import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
import { toYaml } from './to-yaml.js';

describe('toYaml', () => {
  it('writes a catalog entity in block style', () => {
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'payments', tags: ['go', 'pci'], annotations: { 'backstage.io/techdocs-ref': 'dir:.' } },
      spec: { type: 'service', lifecycle: 'production', owner: 'group:default/billing', dependsOn: [] },
    };
    expect(toYaml(entity)).toBe(
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        '  name: payments',
        '  tags:',
        '    - go',
        '    - pci',
        '  annotations:',
        '    backstage.io/techdocs-ref: dir:.',
        'spec:',
        '  type: service',
        '  lifecycle: production',
        '  owner: group:default/billing',
        '  dependsOn: []',
        '',
      ].join('\n'),
    );
  });

  it('quotes strings YAML would read as something else, and reads back the same value', () => {
    const tricky = { a: 'true', b: '123', c: '', d: 'no', e: 'x: y', f: '- dash', g: 'null', h: '#hash', i: 'multi\nline', j: 'ok text', k: null, l: 1.5 };
    const yaml = toYaml(tricky);
    expect(yaml).toContain('a: "true"');
    expect(yaml).toContain('e: "x: y"');
    expect(yaml).toContain('j: ok text');
    expect(load(yaml)).toEqual(tricky);
  });

  it('writes lists of objects with the dash on the first key', () => {
    const value = { links: [{ url: 'https://example.com', title: 'Home' }] };
    expect(toYaml(value)).toBe('links:\n  - url: https://example.com\n    title: Home\n');
    expect(load(toYaml(value))).toEqual(value);
  });
});
