import { describe, expect, it } from 'vitest';
import { parseEntityRef, refKey } from './entity-refs.js';

const defaults = { kind: 'group', namespace: 'default' };

describe('parseEntityRef', () => {
  it('fills in the default kind and namespace', () => {
    expect(parseEntityRef('billing', defaults)).toEqual({ kind: 'group', namespace: 'default', name: 'billing' });
  });

  it('keeps an explicit kind and namespace', () => {
    expect(parseEntityRef('resource:ops/billing-db', defaults)).toEqual({ kind: 'resource', namespace: 'ops', name: 'billing-db' });
    expect(parseEntityRef('user:emma-schulz', defaults)).toEqual({ kind: 'user', namespace: 'default', name: 'emma-schulz' });
  });

  it('reads a colon after the namespace as part of the name', () => {
    expect(parseEntityRef('ops/a:b', defaults)).toEqual({ kind: 'group', namespace: 'ops', name: 'a:b' });
  });
});

describe('refKey', () => {
  it('matches refs case-insensitively, as Backstage does', () => {
    expect(refKey(parseEntityRef('Component:Default/Haulkit', defaults))).toBe(
      refKey(parseEntityRef('haulkit', { kind: 'component', namespace: 'default' })),
    );
  });
});
