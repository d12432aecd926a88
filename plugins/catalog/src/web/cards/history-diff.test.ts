import { describe, expect, it } from 'vitest';
import { changeLines, describeSource, pointerToPath, relationChanges } from './history-diff.js';

describe('pointerToPath', () => {
  it('turns JSON pointers into the paths people write', () => {
    expect(pointerToPath('/spec/lifecycle')).toBe('spec.lifecycle');
    expect(pointerToPath('/metadata/tags/1')).toBe('metadata.tags[1]');
    expect(pointerToPath('/metadata/tags/-')).toBe('metadata.tags');
    expect(pointerToPath('/metadata/annotations/backstage.io~1view-url')).toBe('metadata.annotations["backstage.io/view-url"]');
    expect(pointerToPath('/')).toBe('(entity)');
  });
});

describe('changeLines', () => {
  it('lists field changes with old and new values, leaving relations and the etag out', () => {
    const lines = changeLines([
      { op: 'replace', path: '/spec/lifecycle', from: 'experimental', to: 'production' },
      { op: 'add', path: '/metadata/tags/-', to: 'pci' },
      { op: 'remove', path: '/spec/system', from: 'payments' },
      { op: 'replace', path: '/metadata/etag', from: 'a', to: 'b' },
      { op: 'add', path: '/relations/-', to: { type: 'ownedBy', targetRef: 'group:default/x' } },
    ]);
    expect(lines).toEqual([
      { path: 'spec.lifecycle', kind: 'changed', from: 'experimental', to: 'production' },
      { path: 'metadata.tags', kind: 'added', to: 'pci' },
      { path: 'spec.system', kind: 'removed', from: 'payments' },
    ]);
  });

  it('shortens long values', () => {
    const [line] = changeLines([{ op: 'add', path: '/metadata/description', to: 'x'.repeat(200) }]);
    expect(line?.to).toHaveLength(80);
    expect(line?.to?.endsWith('…')).toBe(true);
  });
});

describe('relationChanges and describeSource', () => {
  it('counts relations added and removed', () => {
    expect(
      relationChanges([
        { op: 'add', path: '/relations/-', to: {} },
        { op: 'add', path: '/relations/-', to: {} },
        { op: 'remove', path: '/relations/-', from: {} },
        { op: 'replace', path: '/spec/type', from: 'a', to: 'b' },
      ]),
    ).toEqual({ added: 2, removed: 1 });
  });

  it('names the location type and target of a change', () => {
    expect(describeSource('location:url:https://git.example.com/a/catalog-info.yaml')).toEqual({
      label: 'url',
      target: 'https://git.example.com/a/catalog-info.yaml',
    });
    expect(describeSource('provider:github')).toEqual({ label: 'provider', target: 'github' });
    expect(describeSource(null)).toBeUndefined();
  });
});
