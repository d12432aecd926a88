import { describe, expect, it } from 'vitest';
import {
  isValidAnnotationKey,
  isValidApiVersion,
  isValidEntityName,
  isValidKind,
  isValidLabelKey,
  isValidLabelValue,
  isValidNamespace,
  isValidTag,
  isValidUrl,
} from './names.js';

describe('entity names', () => {
  it.each(['a', 'my-service', 'Xantier', 'Example-ADR', 'IT', 'a_b.c-d', '0', 'a'.repeat(63)])('accepts %j', (name) => {
    expect(isValidEntityName(name)).toBe(true);
  });
  it.each(['', 'Custom MS SQL Docker', 'jeff@example.com', '${{ values.name }}', '-a', 'a-', '.a', 'a_', 'a'.repeat(64), 'é', 3])(
    'rejects %j',
    (name) => expect(isValidEntityName(name)).toBe(false),
  );
});

describe('namespaces (DNS labels)', () => {
  it.each(['default', 'team-a', 'a1', 'a--b'])('accepts %j', (ns) => expect(isValidNamespace(ns)).toBe(true));
  it.each(['', 'Default', 'a_b', 'a.b', '-a', 'a-', 'a'.repeat(64)])('rejects %j', (ns) => expect(isValidNamespace(ns)).toBe(false));
});

describe('kinds and apiVersions', () => {
  it('checks the kind pattern', () => {
    expect(['Component', 'API', 'AWSEnvironment', 'x1'].every(isValidKind)).toBe(true);
    expect(['', '1x', 'My-Kind', 'a b', 'A'.repeat(64)].some(isValidKind)).toBe(false);
  });
  it('checks the apiVersion pattern', () => {
    expect(['backstage.io/v1alpha1', 'scaffolder.backstage.io/v1beta3', 'aws.backstage.io/v1alpha', 'v1'].every(isValidApiVersion)).toBe(true);
    expect(['1.0', 'Backstage.io/v1', 'a/b/c', '/v1', 'backstage.io/', 'backstage.io/v-1'].some(isValidApiVersion)).toBe(false);
  });
});

describe('labels and annotations', () => {
  it('accepts keys with an optional DNS-subdomain prefix', () => {
    for (const key of ['team', 'example.com/team', 'backstage.io/techdocs-ref', 'a.b.c/D_e.f']) {
      expect(isValidLabelKey(key)).toBe(true);
      expect(isValidAnnotationKey(key)).toBe(true);
    }
  });
  it('rejects malformed keys', () => {
    for (const key of ['', 'Example.com/team', 'a/b/c', '/team', 'example.com/', 'has space', `${'a'.repeat(254)}/x`]) {
      expect(isValidLabelKey(key)).toBe(false);
      expect(isValidAnnotationKey(key)).toBe(false);
    }
  });
  it('accepts empty label values and name-like ones, and nothing else', () => {
    expect(isValidLabelValue('')).toBe(true);
    expect(isValidLabelValue('Random-value_1')).toBe(true);
    expect(isValidLabelValue('Random value Generator')).toBe(false);
    expect(isValidLabelValue(1)).toBe(false);
  });
});

describe('tags', () => {
  it.each(['java', 'c++', 'c#', 'platform:orders-api', 'a-b-c', 'x'.repeat(63)])('accepts %j', (tag) => expect(isValidTag(tag)).toBe(true));
  it.each(['', 'AORC', 'Java', 'a--b', '-a', 'a-', 'a_b', 'a b', 'x'.repeat(64)])('rejects %j', (tag) => expect(isValidTag(tag)).toBe(false));
});

describe('link URLs', () => {
  it('needs an absolute URL', () => {
    expect(isValidUrl('https://example.com/x')).toBe(true);
    expect(isValidUrl('mailto:team@example.com')).toBe(true);
    expect(isValidUrl('/relative/path')).toBe(false);
    expect(isValidUrl('not a url')).toBe(false);
  });
});
