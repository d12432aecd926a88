import { afterAll, describe, expect, it } from 'vitest';
import { parseEntityRef, type EntityRefContext } from '@portico/model';
import { SecureTemplater } from './secure-templater.js';

const templater = new SecureTemplater();
afterAll(() => templater.dispose());

function inIsolate(ref: string, context?: EntityRefContext): unknown {
  return templater.evaluate('${{ parameters.ref | parseEntityRef(parameters.context) }}', {
    parameters: { ref, ...(context ? { context: { ...context } } : {}) },
  });
}

function onHost(ref: string, context?: EntityRefContext): unknown {
  return { ...parseEntityRef(ref, context) };
}

describe('parseEntityRef in the isolate', () => {
  const cases: [string, EntityRefContext | undefined][] = [
    ['component:default/billing', undefined],
    ['Component:Billing', undefined],
    ['group:team-a', undefined],
    ['ns/a:b', { defaultKind: 'Component' }],
    ['user:other/ada', { defaultKind: 'User', defaultNamespace: 'x' }],
    ['team-a', { defaultKind: 'Group' }],
    ['team-a', { defaultKind: 'Group', defaultNamespace: 'platform' }],
    ['api:v1/x/y', undefined],
  ];

  it.each(cases)('agrees with @portico/model on %s', (ref, context) => {
    expect(inIsolate(ref, context)).toEqual(onHost(ref, context));
  });

  const broken = ['team-a', ':x', 'component:/x', 'component:ns/', 'a:'];
  it.each(broken)('refuses %s with the same message as @portico/model', (ref) => {
    let hostMessage = '';
    try {
      parseEntityRef(ref);
    } catch (error) {
      hostMessage = (error as Error).message;
    }
    expect(hostMessage).not.toBe('');
    expect(() => inIsolate(ref)).toThrow(hostMessage);
  });
});

describe('parseRepoUrl', () => {
  it('decodes query values and keeps only the known parts', () => {
    expect(
      templater.evaluate('${{ "git.acme.io?owner=platform%2Fteam&repo=my+repo&organization=o&extra=1" | parseRepoUrl }}', {}),
    ).toEqual({ host: 'git.acme.io', owner: 'platform/team', repo: 'my repo', organization: 'o' });
  });

  it('refuses a host with a path or credentials', () => {
    expect(() => templater.evaluate('${{ "user@evil.io?owner=o&repo=r" | parseRepoUrl }}', {})).toThrow(/no valid host/);
    expect(() => templater.evaluate('${{ "evil.io/x?owner=o&repo=r" | parseRepoUrl }}', {})).toThrow(/no valid host/);
    expect(() => templater.evaluate('${{ 42 | parseRepoUrl }}', {})).toThrow(/needs a repo URL/);
  });

  it('ignores __proto__ in the query', () => {
    const parsed = templater.evaluate('${{ "h.io?__proto__=x&owner=o&repo=r" | parseRepoUrl }}', {});
    expect(parsed).toEqual({ host: 'h.io', owner: 'o', repo: 'r' });
  });
});

describe('pick', () => {
  it('reads own properties along a dotted path and nothing inherited', () => {
    const data = { parameters: { a: { b: [10, 20] } } };
    expect(templater.evaluate('${{ parameters | pick("a.b.1") }}', data)).toBe(20);
    expect(templater.evaluate('${{ parameters | pick("a.toString") }}', data)).toBeUndefined();
    expect(templater.evaluate('${{ parameters | pick("a.x.y") }}', data)).toBeUndefined();
  });
});
