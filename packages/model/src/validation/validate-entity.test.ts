import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import type { JsonObject } from '../json.js';
import type { KindDefinition } from '../kinds/definition.js';
import { object, required, text } from './shape.js';
import { assertValidEntity, validateEntity } from './validate-entity.js';

const component = (extra: JsonObject = {}, metadata: JsonObject = {}): JsonObject => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders', ...metadata },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  ...extra,
});

const summary = (value: unknown) => {
  const result = validateEntity(value);
  return result.ok ? 'ok' : result.problems.map((p) => `${p.stage} ${p.rule} ${p.field}`);
};

describe('validateEntity: envelope', () => {
  it('rejects documents that are not mappings', () => {
    for (const value of [null, 'text', 3, [component()]]) {
      const result = validateEntity(value);
      expect(result.ok).toBe(false);
      expect(result.problems).toMatchObject([{ stage: 'envelope', rule: 'notAnObject', field: '' }]);
      expect(result.problems[0]?.message).toMatch(/^The document must be a mapping with apiVersion, kind, metadata and spec; found/);
    }
  });

  it('needs apiVersion, kind and metadata.name, and stops there', () => {
    expect(summary({ metadata: {}, spec: 5 })).toEqual([
      'envelope required apiVersion',
      'envelope required kind',
      'envelope required metadata.name',
    ]);
    expect(summary({ apiVersion: 'v1', kind: '', metadata: { name: 5 } })).toEqual(['envelope notEmpty kind', 'envelope type metadata.name']);
  });
});

describe('validateEntity: policies', () => {
  it('fills in the default namespace without touching the input', () => {
    const input = component();
    const result = validateEntity(input);
    expect(result.ok && result.entity.metadata.namespace).toBe('default');
    expect(input.metadata).toEqual({ name: 'orders' });
    const explicit = validateEntity(component({}, { namespace: 'payments' }));
    expect(explicit.ok && explicit.entity.metadata.namespace).toBe('payments');
  });

  it('rejects foreign and read-only root fields', () => {
    const result = validateEntity(component({ links: [], relations: [], status: {} }));
    expect(result.problems.map((p) => [p.field, p.rule])).toEqual([
      ['links', 'foreignRootField'],
      ['relations', 'readOnlyField'],
      ['status', 'readOnlyField'],
    ]);
    expect(result.problems[0]?.message).toBe(
      'links is not allowed at the top level of an entity, where only apiVersion, kind, metadata and spec may appear; did you mean metadata.links?',
    );
  });

  it('checks metadata types', () => {
    expect(summary(component({}, { title: '', labels: { a: 1 }, annotations: [], tags: 'java', links: [{ title: 'x' }] }))).toEqual([
      'policy notEmpty metadata.title',
      'policy type metadata.labels.a',
      'policy type metadata.annotations',
      'policy type metadata.tags',
      'policy required metadata.links[0].url',
    ]);
    expect(summary(component({ spec: [] }))).toEqual(['policy type spec']);
  });

  it('checks field formats with the field path and the rule', () => {
    const result = validateEntity(
      component(
        { apiVersion: '1.0', kind: 'Component' },
        {
          name: 'Orders Service',
          namespace: 'Payments',
          labels: { 'Example.com/team': 'x', ok: 'has space' },
          annotations: { 'backstage.io/techdocs-ref': 'dir:.', 'a/b/c': 'x' },
          tags: ['java', 'AORC'],
          links: [{ url: '/relative', title: '  ' }],
        },
      ),
    );
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => `${p.rule} ${p.field}`)).toEqual([
      'apiVersionFormat apiVersion',
      'entityName metadata.name',
      'namespace metadata.namespace',
      'labelKey metadata.labels["Example.com/team"]',
      'labelValue metadata.labels.ok',
      'annotationKey metadata.annotations["a/b/c"]',
      'tag metadata.tags[1]',
      'url metadata.links[0].url',
      'blank metadata.links[0].title',
      'unsupportedApiVersion apiVersion',
    ]);
    const byRule = Object.fromEntries(result.problems.map((p) => [p.rule, p.message]));
    expect(byRule.entityName).toBe(
      'metadata.name "Orders Service" is not a valid entity name: use 1–63 characters: letters, digits, "-", "_" and ".", starting and ending with a letter or digit; spaces are not allowed (use "-" and put the display name in metadata.title)',
    );
    expect(byRule.tag).toBe(
      'metadata.tags[1] "AORC" is not a valid tag: use lower-case letters, digits, "+", "#" or ":", in groups joined by single "-", at most 63 characters; "aorc" would be valid',
    );
    expect(result.problems.every((p) => p.entityRef === 'component:payments/orders service')).toBe(true);
  });

  it('reports policy and kind problems together', () => {
    const result = validateEntity(component({ spec: { type: 'service' } }, { tags: ['Java'] }));
    expect(result.problems.map((p) => `${p.stage} ${p.field}`)).toEqual(['policy metadata.tags[0]', 'kind spec.lifecycle', 'kind spec.owner']);
  });
});

describe('validateEntity: kinds', () => {
  const service = { apiVersion: 'backstage.io/v1alpha1', kind: 'Service', metadata: { name: 'orders' }, spec: {} };

  it('rejects kinds nobody defines, listing the known ones', () => {
    const result = validateEntity(service);
    expect(result.problems).toMatchObject([{ stage: 'kind', rule: 'unknownKind', field: 'kind', entityRef: 'service:default/orders' }]);
    expect(result.problems[0]?.message).toBe(
      'kind "Service" (apiVersion backstage.io/v1alpha1) is not a kind this catalog knows; known kinds are API, Component, Domain, Group, Location, Resource, System, Template, User (a plugin can add kinds, or the catalog configuration can allow more)',
    );
  });

  it('matches kinds case-sensitively and says so', () => {
    const result = validateEntity(component({ kind: 'component' }));
    expect(result.problems[0]?.message).toContain('kinds are case-sensitive, did you mean "Component"?');
  });

  it('accepts allowed kinds with only the envelope and metadata rules', () => {
    expect(validateEntity(service, { allowedKinds: ['Service'] }).ok).toBe(true);
    expect(validateEntity(service, { allowedKinds: ['service'] }).ok).toBe(false);
    expect(validateEntity(service, { allowUnknownKinds: true }).ok).toBe(true);
    expect(validateEntity({ ...service, metadata: { name: 'a b' } }, { allowUnknownKinds: true }).ok).toBe(false);
  });

  it('takes kind definitions from plugins', () => {
    const environmentKind: KindDefinition = {
      kind: 'Environment',
      apiVersions: ['example.com/v1'],
      description: 'a place software runs',
      spec: object({ owner: required(text('who runs it')) }),
      relations: [],
    };
    const environment = { apiVersion: 'example.com/v1', kind: 'Environment', metadata: { name: 'prod' }, spec: {} };
    expect(validateEntity(environment).ok).toBe(false);
    const result = validateEntity(environment, { kinds: [environmentKind] });
    expect(result.problems.map((p) => p.message)).toEqual(['spec.owner is required (who runs it)']);
  });
});

describe('assertValidEntity', () => {
  it('returns the entity or throws an InputError carrying the problems', () => {
    expect(assertValidEntity(component()).metadata.namespace).toBe('default');
    let thrown: unknown;
    try {
      assertValidEntity(component({ spec: { type: 'service', lifecycle: 'production' } }));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    const error = thrown as InputError;
    expect(error.message).toBe(
      'Invalid entity:\ncomponent:default/orders: spec.owner is required (a ref to the group or user that owns it, e.g. "group:team-a")',
    );
    expect(error.details).toMatchObject([{ field: 'spec.owner', rule: 'required' }]);
  });
});
