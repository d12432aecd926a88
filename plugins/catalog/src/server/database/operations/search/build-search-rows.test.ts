import type { Entity } from '@portico/model';
import { describe, expect, it } from 'vitest';
import { buildSearchRows, MAX_SEARCH_VALUE_LENGTH } from './build-search-rows.js';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'Orders-Service',
    namespace: 'default',
    uid: 'uid-1',
    etag: 'etag-1',
    title: 'Orders',
    tags: ['java', 'Payments'],
    annotations: { 'backstage.io/managed-by-location': 'file:/repo/catalog-info.yaml' },
    links: [{ url: 'https://a.example', title: 'Dashboard' }],
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a', replicas: 3, public: false, notes: null },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/team-a' },
    { type: 'dependsOn', targetRef: 'component:default/db' },
  ],
  status: { items: [{ type: 'backstage.io/catalog-processing', level: 'error', message: 'boom' }] },
};

function pairs(rows: ReturnType<typeof buildSearchRows>): Array<[string, string | null]> {
  return rows.map((row) => [row.key, row.value]);
}

describe('buildSearchRows', () => {
  it('flattens to lower-cased dotted keys with the original case kept', () => {
    const rows = buildSearchRows('uid-1', component);
    expect(rows.every((row) => row.entity_id === 'uid-1')).toBe(true);
    expect(rows).toContainEqual({ entity_id: 'uid-1', key: 'kind', value: 'component', original_value: 'Component' });
    expect(rows).toContainEqual({ entity_id: 'uid-1', key: 'metadata.name', value: 'orders-service', original_value: 'Orders-Service' });
    expect(pairs(rows)).toContainEqual(['spec.lifecycle', 'production']);
    expect(pairs(rows)).toContainEqual(['metadata.annotations.backstage.io/managed-by-location', 'file:/repo/catalog-info.yaml']);
  });

  it('writes one row per array item plus a flag row per string item', () => {
    const rows = pairs(buildSearchRows('uid-1', component));
    expect(rows).toContainEqual(['metadata.tags', 'java']);
    expect(rows).toContainEqual(['metadata.tags', 'payments']);
    expect(rows).toContainEqual(['metadata.tags.java', 'true']);
    expect(rows).toContainEqual(['metadata.tags.payments', 'true']);
    expect(rows).toContainEqual(['metadata.links.url', 'https://a.example']);
  });

  it('writes relations by lower-cased type and skips status, etag and the raw relations array', () => {
    const rows = pairs(buildSearchRows('uid-1', component));
    expect(rows).toContainEqual(['relations.ownedby', 'group:default/team-a']);
    expect(rows).toContainEqual(['relations.dependson', 'component:default/db']);
    const keys = rows.map(([key]) => key);
    expect(keys.some((key) => key.startsWith('status'))).toBe(false);
    expect(keys).not.toContain('metadata.etag');
    expect(keys.filter((key) => key === 'relations.type')).toEqual([]);
  });

  it('stringifies numbers and booleans and keeps null leaves', () => {
    const rows = buildSearchRows('uid-1', component);
    expect(pairs(rows)).toContainEqual(['spec.replicas', '3']);
    expect(pairs(rows)).toContainEqual(['spec.public', 'false']);
    expect(rows).toContainEqual({ entity_id: 'uid-1', key: 'spec.notes', value: null, original_value: null });
  });

  it('always writes name, defaulted namespace and the uid it is given', () => {
    const entity: Entity = { apiVersion: 'backstage.io/v1alpha1', kind: 'Group', metadata: { name: 'team-a' } };
    const rows = pairs(buildSearchRows('entity-9', entity));
    expect(rows).toContainEqual(['metadata.namespace', 'default']);
    expect(rows).toContainEqual(['metadata.uid', 'entity-9']);
    expect(rows.filter(([key]) => key === 'metadata.namespace')).toHaveLength(1);
  });

  it('stores over-long values as null and drops over-long keys', () => {
    const long = 'x'.repeat(MAX_SEARCH_VALUE_LENGTH + 1);
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'a', description: long, annotations: { [`example.com/${'k'.repeat(200)}`]: 'v' } },
    };
    const rows = buildSearchRows('e', entity);
    expect(rows).toContainEqual({ entity_id: 'e', key: 'metadata.description', value: null, original_value: null });
    expect(rows.some((row) => row.key.startsWith('metadata.annotations.'))).toBe(false);
  });

  it('writes one row per key and lower-cased value, keeping the first spelling', () => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'a', tags: ['java', 'java', 'Java'] },
    };
    const rows = pairs(buildSearchRows('e', entity)).filter(([key]) => key.startsWith('metadata.tags'));
    expect(rows).toEqual([
      ['metadata.tags', 'java'],
      ['metadata.tags.java', 'true'],
    ]);
    const originals = buildSearchRows('e', { ...entity, metadata: { name: 'a', tags: ['Java', 'java'] } })
      .filter((row) => row.key === 'metadata.tags')
      .map((row) => row.original_value);
    expect(originals).toEqual(['Java']);
  });

  it('rejects keys that differ only in case', () => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'a' },
      spec: { owner: 'x', Owner: 'y' },
    };
    expect(() => buildSearchRows('e', entity)).toThrowError(/differ only in case: 'spec.owner'/);
  });
});
