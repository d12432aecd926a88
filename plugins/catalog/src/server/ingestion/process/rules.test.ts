import { describe, expect, it } from 'vitest';
import { parseCatalogConfig } from '../../config.js';
import { CatalogRules } from './rules.js';

const entity = (kind: string, type?: string) => ({ kind, ...(type ? { spec: { type } } : {}) });

describe('catalog rules', () => {
  it('allows Component, API and Location anywhere by default', () => {
    const rules = new CatalogRules(parseCatalogConfig({}), '/etc/portico');
    const origin = { type: 'url', target: 'https://example.com/catalog-info.yaml' };
    expect(['Component', 'component', 'API', 'Location'].map((kind) => rules.isAllowed(entity(kind), origin))).toEqual([true, true, true, true]);
    expect(['User', 'Group', 'Template', 'System'].map((kind) => rules.isAllowed(entity(kind), origin))).toEqual([false, false, false, false]);
  });

  it('applies global rules with location matchers, spec.type narrowing and per-location rules', () => {
    const rules = new CatalogRules(
      parseCatalogConfig({
        rules: [
          { allow: ['Component'] },
          { allow: [{ kind: 'Resource', 'spec.type': 'database' }] },
          { allow: ['Template'], locations: [{ type: 'url', pattern: 'https://github.com/org/*/blob/main/template.yaml' }] },
        ],
        locations: [{ type: 'file', target: './org/people.yaml', rules: [{ allow: ['User', 'Group'] }] }],
      }),
      '/etc/portico',
    );
    const somewhere = { type: 'url', target: 'https://example.com/x.yaml' };
    expect(rules.isAllowed(entity('Resource', 'database'), somewhere)).toBe(true);
    expect(rules.isAllowed(entity('Resource', 'bucket'), somewhere)).toBe(false);
    expect(rules.isAllowed(entity('Template'), { type: 'url', target: 'https://github.com/org/tools/blob/main/template.yaml' })).toBe(true);
    expect(rules.isAllowed(entity('Template'), { type: 'url', target: 'https://github.com/other/tools/blob/main/template.yaml' })).toBe(false);
    expect(rules.isAllowed(entity('User'), { type: 'file', target: '/etc/portico/org/people.yaml' })).toBe(true);
    expect(rules.isAllowed(entity('User'), somewhere)).toBe(false);
    expect(rules.allowedKinds({ type: 'file', target: '/etc/portico/org/people.yaml' })).toEqual(['Component', 'Resource (spec.type database)', 'User', 'Group']);
    expect(rules.namedKinds()).toEqual(['Component', 'Resource', 'Template', 'User', 'Group']);
  });
});
