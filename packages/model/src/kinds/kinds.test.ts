import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../json.js';
import { validateEntity } from '../validation/validate-entity.js';

function entity(kind: string, spec: JsonObject, apiVersion = 'backstage.io/v1alpha1'): JsonObject {
  return { apiVersion, kind, metadata: { name: 'thing' }, spec };
}

const minimal: Record<string, { spec: JsonObject; required: string[]; apiVersion?: string }> = {
  Component: { spec: { type: 'service', lifecycle: 'production', owner: 'team-a' }, required: ['type', 'lifecycle', 'owner'] },
  API: {
    spec: { type: 'openapi', lifecycle: 'production', owner: 'team-a', definition: 'openapi: 3.0.0' },
    required: ['type', 'lifecycle', 'owner', 'definition'],
  },
  Resource: { spec: { type: 'database', owner: 'team-a' }, required: ['type', 'owner'] },
  System: { spec: { owner: 'team-a' }, required: ['owner'] },
  Domain: { spec: { owner: 'team-a' }, required: ['owner'] },
  Group: { spec: { type: 'team', children: [] }, required: ['type', 'children'] },
  User: { spec: { memberOf: [] }, required: ['memberOf'] },
  Location: { spec: {}, required: [] },
  Template: {
    spec: { type: 'service', steps: [] },
    required: ['type', 'steps'],
    apiVersion: 'scaffolder.backstage.io/v1beta3',
  },
};

describe.each(Object.entries(minimal))('kind %s', (kind, { spec, required, apiVersion }) => {
  it('accepts its minimal entity', () => {
    const result = validateEntity(entity(kind, spec, apiVersion));
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('requires a spec', () => {
    const { spec: _omitted, ...withoutSpec } = entity(kind, spec, apiVersion);
    const result = validateEntity(withoutSpec);
    expect(result.ok).toBe(false);
    expect(result.problems).toMatchObject([{ field: 'spec', rule: 'required', stage: 'kind', entityRef: `${kind.toLowerCase()}:default/thing` }]);
    expect(result.problems[0]?.message).toMatch(new RegExp(`^spec is required for kind ${kind} \\(`));
  });

  it.each(required.length ? required : ['(none)'])('requires spec.%s', (member) => {
    if (member === '(none)') {
      expect(validateEntity(entity(kind, {}, apiVersion)).ok).toBe(true);
      return;
    }
    const { [member]: _omitted, ...rest } = spec;
    const result = validateEntity(entity(kind, rest, apiVersion));
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => [p.field, p.rule])).toEqual([[`spec.${member}`, 'required']]);
    expect(result.problems[0]?.message).toMatch(new RegExp(`^spec\\.${member} is required`));
  });
});

describe('spec field types', () => {
  it('checks string and list members the way Backstage does', () => {
    const result = validateEntity(
      entity('Component', { type: 'service', lifecycle: 2, owner: '', providesApis: 'orders', dependsOn: ['ok', 1] }),
    );
    expect(result.problems.map((p) => [p.field, p.rule])).toEqual([
      ['spec.lifecycle', 'type'],
      ['spec.owner', 'notEmpty'],
      ['spec.providesApis', 'type'],
      ['spec.dependsOn[1]', 'type'],
    ]);
    expect(result.problems[0]?.message).toBe(
      'spec.lifecycle must be a non-empty string (e.g. experimental, production or deprecated); found the number 2',
    );
  });

  it('does not type-check dependencyOf or unknown spec members, like Backstage', () => {
    expect(validateEntity(entity('Component', { ...minimal.Component!.spec, dependencyOf: 'x', subComponentOf: 1 })).ok).toBe(true);
  });

  it('limits Location presence to required or optional', () => {
    const result = validateEntity(entity('Location', { target: './a.yaml', presence: 'maybe' }));
    expect(result.problems.map((p) => p.message)).toEqual(['spec.presence must be one of "required", "optional"; found the text "maybe"']);
  });

  it('checks Group and User profiles', () => {
    const result = validateEntity(entity('User', { memberOf: [], profile: { email: '', displayName: 3 } }));
    expect(result.problems.map((p) => p.field)).toEqual(['spec.profile.displayName', 'spec.profile.email']);
  });

  it('explains an unresolved placeholder where a string is needed', () => {
    const result = validateEntity(entity('API', { ...minimal.API!.spec, definition: { $text: './openapi.yaml' } }));
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.message).toContain('found an unresolved $text placeholder ($text: "./openapi.yaml")');
  });
});

describe('Template spec', () => {
  const template = (spec: JsonObject) => entity('Template', { type: 'service', steps: [], ...spec }, 'scaffolder.backstage.io/v1beta3');

  it('needs an action on every step', () => {
    const result = validateEntity(template({ steps: [{ id: 'fetch', action: 'fetch:template' }, { id: 'publish' }] }));
    expect(result.problems.map((p) => [p.field, p.rule])).toEqual([['spec.steps[1].action', 'required']]);
  });

  it('takes parameters as one object or a list of objects', () => {
    expect(validateEntity(template({ parameters: { title: 'x', properties: {} } })).ok).toBe(true);
    expect(validateEntity(template({ parameters: [{ title: 'x' }, { title: 'y' }] })).ok).toBe(true);
    expect(validateEntity(template({ parameters: [{ title: 'x' }, 'y'] })).problems.map((p) => p.field)).toEqual(['spec.parameters[1]']);
    expect(validateEntity(template({ parameters: 'x' })).problems[0]?.message).toMatch(/^spec\.parameters must be a mapping or a list of mappings/);
  });

  it('checks step conditions and output', () => {
    const result = validateEntity(
      template({
        steps: [{ action: 'debug:log', if: 1 }],
        output: { links: [{ title: 'Repo', url: '${{ steps.publish.output.remoteUrl }}' }], text: [{ content: 3 }], remoteUrl: 'x', other: 4 },
      }),
    );
    expect(result.problems.map((p) => p.field)).toEqual(['spec.steps[0].if', 'spec.output.text[0].content', 'spec.output.other']);
  });

  it('accepts Template only as scaffolder.backstage.io/v1beta3', () => {
    const result = validateEntity(entity('Template', { type: 'service', steps: [] }, 'backstage.io/v1beta2'));
    expect(result.problems).toMatchObject([
      {
        field: 'apiVersion',
        rule: 'unsupportedApiVersion',
        message: 'apiVersion "backstage.io/v1beta2" is not supported for kind Template; use "scaffolder.backstage.io/v1beta3"',
      },
    ]);
  });
});
