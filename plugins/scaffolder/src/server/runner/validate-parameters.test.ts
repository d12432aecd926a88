import type { JsonObject, TemplateSpec } from '@portico/model';
import { describe, expect, it } from 'vitest';
import { parameterSteps, validateTemplateParameters } from './validate-parameters.js';

const template: Pick<TemplateSpec, 'parameters'> = {
  parameters: [
    {
      title: 'Service',
      required: ['name', 'owner'],
      properties: {
        name: { type: 'string', pattern: '^[a-z][a-z0-9-]*$', maxLength: 20, 'ui:autofocus': true },
        owner: { type: 'string', 'ui:field': 'OwnerPicker', 'ui:options': { allowedKinds: ['Group'] } },
        email: { type: 'string', format: 'email' },
        database: { type: 'boolean' },
        databaseName: { type: 'string' },
      },
      dependencies: { database: ['databaseName'] },
    },
    {
      title: 'Repository',
      required: ['repoUrl'],
      properties: {
        repoUrl: { type: 'string', 'ui:field': 'RepoUrlPicker', 'ui:options': { allowedHosts: ['github.com', 'git.acme.io'], allowedOwners: ['a', 'acme'] } },
        visibility: { type: 'string', enum: ['public', 'private'] },
        reviewers: { type: 'array', items: { type: 'string' }, minItems: 1 },
        settings: { type: 'object', properties: { retention: { type: 'integer', minimum: 1 } } },
      },
      if: { properties: { visibility: { const: 'public' } }, required: ['visibility'] },
      then: { required: ['reviewers'] },
    },
  ],
};

const valid: JsonObject = { name: 'billing', owner: 'group:team-a', repoUrl: 'github.com?owner=a&repo=b' };

describe('validateTemplateParameters', () => {
  it('accepts values that satisfy every form step', () => {
    expect(validateTemplateParameters(template, valid)).toEqual({ valid: true, errors: [] });
    expect(validateTemplateParameters(template, { ...valid, visibility: 'public', reviewers: ['ada'], database: true, databaseName: 'db' }).valid).toBe(true);
  });

  it('names every missing required field, across steps', () => {
    expect(validateTemplateParameters(template, {}).errors).toEqual([
      { path: 'name', message: 'is required' },
      { path: 'owner', message: 'is required' },
      { path: 'repoUrl', message: 'is required' },
    ]);
  });

  it('checks types, patterns, formats, enums and nested fields', () => {
    const result = validateTemplateParameters(template, {
      ...valid,
      name: 'Bad Name',
      email: 'not-an-email',
      visibility: 'secret',
      settings: { retention: 0 },
    });
    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      { path: 'name', message: 'must match pattern "^[a-z][a-z0-9-]*$"' },
      { path: 'email', message: 'must match format "email"' },
      { path: 'visibility', message: 'must be equal to one of the allowed values' },
      { path: 'settings.retention', message: 'must be >= 1' },
    ]);
  });

  it('applies dependencies and if/then', () => {
    expect(validateTemplateParameters(template, { ...valid, database: true }).errors).toEqual([
      { path: 'databaseName', message: 'is required when database is set' },
    ]);
    expect(validateTemplateParameters(template, { ...valid, visibility: 'public' }).errors).toEqual([{ path: 'reviewers', message: 'is required' }]);
    expect(validateTemplateParameters(template, { ...valid, visibility: 'public', reviewers: [] }).errors).toEqual([
      { path: 'reviewers', message: 'must NOT have fewer than 1 items' },
    ]);
  });

  it('accepts a single form step object and reports a broken schema instead of throwing', () => {
    const single = { parameters: { required: ['x'], properties: { x: { type: 'string' } } } };
    expect(parameterSteps(single)).toHaveLength(1);
    expect(validateTemplateParameters(single, {}).errors).toEqual([{ path: 'x', message: 'is required' }]);
    const broken = { parameters: { properties: { x: { type: 'no-such-type' } } } };
    expect(validateTemplateParameters(broken, { x: 1 }).errors[0]?.message).toMatch(/form step 1 has an invalid schema/);
  });

  it('enforces RepoUrlPicker allowed hosts and owners, and one value per key, on the server', () => {
    expect(validateTemplateParameters(template, { ...valid, repoUrl: 'evil.example?owner=a&repo=b' }).errors).toEqual([
      { path: 'repoUrl', message: 'host "evil.example" is not allowed here; allowed: github.com, git.acme.io' },
    ]);
    expect(validateTemplateParameters(template, { ...valid, repoUrl: 'github.com?owner=mallory&repo=b' }).errors).toEqual([
      { path: 'repoUrl', message: 'owner "mallory" is not allowed here; allowed: a, acme' },
    ]);
    expect(validateTemplateParameters(template, { ...valid, repoUrl: 'github.com?owner=a&owner=mallory&repo=b' }).errors).toEqual([
      { path: 'repoUrl', message: 'repoUrl "github.com?owner=a&owner=mallory&repo=b" gives "owner" more than once' },
    ]);
    expect(validateTemplateParameters(template, { ...valid, repoUrl: 'git.acme.io?owner=acme&repo=x' }).valid).toBe(true);
  });

  it('checks Secret fields with their value from secrets, without echoing it', () => {
    const withSecrets = {
      parameters: {
        required: ['apiKey', 'db'],
        properties: {
          apiKey: { type: 'string', 'ui:field': 'Secret', pattern: '^key-[a-z]{4}$' },
          db: { type: 'object', required: ['password'], properties: { password: { type: 'string', 'ui:field': 'Secret', minLength: 8 } } },
        },
      },
    };
    expect(validateTemplateParameters(withSecrets, { db: {} }, { secrets: { apiKey: 'key-abcd', 'db.password': 'long-enough' } })).toEqual({
      valid: true,
      errors: [],
    });
    const bad = validateTemplateParameters(withSecrets, { apiKey: '***', db: {} }, { secrets: { apiKey: 'KEY-1', password: 'short' } });
    expect(bad.errors).toEqual([
      { path: 'apiKey', message: 'must match pattern "^key-[a-z]{4}$"' },
      { path: 'db.password', message: 'must NOT have fewer than 8 characters' },
    ]);
    expect(JSON.stringify(bad)).not.toContain('KEY-1');
    expect(validateTemplateParameters(withSecrets, { db: {} }, { secrets: {} }).errors).toEqual([
      { path: 'apiKey', message: 'is required' },
      { path: 'db.password', message: 'is required' },
    ]);
  });

  it('treats __proto__ in values as data', () => {
    const values = JSON.parse('{"name":"ok","owner":"o","repoUrl":"github.com?owner=a&repo=r","__proto__":{"polluted":true}}') as JsonObject;
    expect(validateTemplateParameters(template, values).valid).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
