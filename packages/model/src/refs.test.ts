import { describe, expect, it } from 'vitest';
import { InputError } from './errors.js';
import {
  defaultKindForField,
  getCompoundEntityRef,
  humanizeEntityRef,
  parseEntityRef,
  stringifyEntityRef,
  tryParseEntityRef,
} from './refs.js';

describe('parseEntityRef', () => {
  it('reads all three parts', () => {
    expect(parseEntityRef('Component:Team-A/My-Service')).toEqual({ kind: 'Component', namespace: 'Team-A', name: 'My-Service' });
  });

  it('fills in the default kind and namespace', () => {
    expect(parseEntityRef('team-a', { defaultKind: 'Group' })).toEqual({ kind: 'Group', namespace: 'default', name: 'team-a' });
    expect(parseEntityRef('devex/one-platform', { defaultKind: 'System', defaultNamespace: 'other' })).toEqual({
      kind: 'System',
      namespace: 'devex',
      name: 'one-platform',
    });
    expect(parseEntityRef('team-a', { defaultKind: 'Group', defaultNamespace: 'other' }).namespace).toBe('other');
  });

  it('keeps odd but accepted names as they are', () => {
    expect(parseEntityRef('Human Resources', { defaultKind: 'Group' }).name).toBe('Human Resources');
    expect(parseEntityRef('user:jane@example.com').name).toBe('jane@example.com');
    // A colon after the namespace's slash belongs to the name.
    expect(parseEntityRef('ns/a:b', { defaultKind: 'Group' })).toEqual({ kind: 'Group', namespace: 'ns', name: 'a:b' });
    expect(parseEntityRef('system:default/retail-platform')).toEqual({ kind: 'system', namespace: 'default', name: 'retail-platform' });
  });

  it('explains malformed refs', () => {
    expect(() => parseEntityRef('')).toThrow('Entity ref must not be empty');
    expect(() => parseEntityRef(':x')).toThrow('Entity ref ":x" has an empty kind before ":"');
    expect(() => parseEntityRef('component:/x')).toThrow('Entity ref "component:/x" has an empty namespace before "/"');
    expect(() => parseEntityRef('component:default/')).toThrow('Entity ref "component:default/" has no name');
    expect(() => parseEntityRef('my-service')).toThrow(
      'Entity ref "my-service" has no kind and this field has no default kind; write it as "<kind>:my-service"',
    );
    expect(() => parseEntityRef('x:')).toThrow(InputError);
  });

  it('has a non-throwing variant', () => {
    expect(tryParseEntityRef('my-service')).toBeUndefined();
    expect(tryParseEntityRef('group:a')).toEqual({ kind: 'group', namespace: 'default', name: 'a' });
  });
});

describe('stringifyEntityRef', () => {
  it('writes the canonical lower-cased form', () => {
    expect(stringifyEntityRef({ kind: 'Component', namespace: 'Team-A', name: 'My-Service' })).toBe('component:team-a/my-service');
    expect(stringifyEntityRef({ kind: 'Group', name: 'x' })).toBe('group:default/x');
  });

  it('works on entities, defaulting the namespace', () => {
    const entity = { kind: 'Domain', metadata: { name: 'IT' } };
    expect(stringifyEntityRef(entity)).toBe('domain:default/it');
    expect(getCompoundEntityRef(entity)).toEqual({ kind: 'Domain', namespace: 'default', name: 'IT' });
  });

  it('round-trips through parseEntityRef', () => {
    const ref = 'api:payments/orders-api';
    expect(stringifyEntityRef(parseEntityRef(ref))).toBe(ref);
  });
});

describe('defaults per field', () => {
  it('knows the kind each reference field implies', () => {
    expect(defaultKindForField('owner')).toBe('Group');
    expect(defaultKindForField('system')).toBe('System');
    expect(defaultKindForField('domain')).toBe('Domain');
    expect(defaultKindForField('providesApis')).toBe('API');
    expect(defaultKindForField('consumesApis')).toBe('API');
    expect(defaultKindForField('dependsOn')).toBe('Component');
    expect(defaultKindForField('memberOf')).toBe('Group');
    expect(defaultKindForField('parent')).toBe('Group');
    expect(defaultKindForField('children')).toBe('Group');
    expect(defaultKindForField('members')).toBe('User');
    expect(defaultKindForField('subcomponentOf')).toBe('Component');
    expect(defaultKindForField('toString')).toBeUndefined();
  });
});

describe('humanizeEntityRef', () => {
  it('leaves out what the context implies', () => {
    const ref = { kind: 'Group', namespace: 'default', name: 'team-a' };
    expect(humanizeEntityRef(ref, { defaultKind: 'group' })).toBe('team-a');
    expect(humanizeEntityRef(ref)).toBe('Group:team-a');
    expect(humanizeEntityRef({ ...ref, namespace: 'ops' }, { defaultKind: 'Group' })).toBe('ops/team-a');
  });
});
