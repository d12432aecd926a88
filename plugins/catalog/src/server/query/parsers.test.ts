import { describe, expect, it } from 'vitest';
import type { Entity } from '@portico/model';
import { decodeEntityCursor, encodeEntityCursor, type EntityCursor } from './entity-cursor.js';
import { parseFields, projectFields, projectJson } from './fields.js';
import { fullTextCondition } from './full-text.js';
import { parseOrderFieldParams, parseOrderParams } from './order.js';
import { parseFilterParams } from './parse-filter-params.js';
import { parsePredicate } from './parse-predicate.js';

describe('parseFilterParams', () => {
  it('is undefined without statements', () => {
    expect(parseFilterParams(undefined)).toBeUndefined();
    expect(parseFilterParams([])).toBeUndefined();
    expect(parseFilterParams(['', ' , '])).toBeUndefined();
  });

  it('ANDs statements within a parameter, ORs parameters, merges values of one key', () => {
    expect(parseFilterParams(['kind=user', 'kind=group,spec.type'])).toEqual({
      anyOf: [{ key: 'kind', values: ['user'] }, { allOf: [{ key: 'kind', values: ['group'] }, { key: 'spec.type' }] }],
    });
    expect(parseFilterParams(' Kind = Component , kind=API ')).toEqual({ key: 'kind', values: ['Component', 'API'] });
  });

  it('splits at the first = only, so values keep theirs', () => {
    expect(parseFilterParams('metadata.annotations.example.com/query=a=b=c')).toEqual({ key: 'metadata.annotations.example.com/query', values: ['a=b=c'] });
    expect(parseFilterParams('spec.note=')).toEqual({ key: 'spec.note', values: [''] });
  });

  it('rejects statements without a key and absurd numbers of statements', () => {
    expect(() => parseFilterParams('kind=user,=x')).toThrow(/Invalid filter: '=x'/);
    expect(() => parseFilterParams(Array.from({ length: 501 }, (_, index) => `k${index}=v`).join(','))).toThrow(/at most 500/);
  });
});

describe('parsePredicate', () => {
  it('reads operators and field conditions', () => {
    expect(parsePredicate({ $all: [{ $any: [{ kind: 'user' }, { $not: { 'Spec.Type': { $in: ['a', 1, true] } } }] }, { 'metadata.name': { $hasPrefix: 'x' } }] })).toEqual({
      allOf: [
        { anyOf: [{ key: 'kind', values: ['user'] }, { not: { key: 'spec.type', values: ['a', '1', 'true'] } }] },
        { key: 'metadata.name', prefix: 'x' },
      ],
    });
    expect(parsePredicate({ 'spec.owner': { $exists: false } })).toEqual({ not: { key: 'spec.owner' } });
  });

  it('names the path of what is wrong', () => {
    expect(() => parsePredicate('kind')).toThrow(/Invalid query: expected an object/);
    expect(() => parsePredicate({ $all: {} })).toThrow(/Invalid query\.\$all: expected a list/);
    expect(() => parsePredicate({ $all: [{ kind: null }] })).toThrow(/Invalid query\.\$all\[0\]\.kind/);
    expect(() => parsePredicate({ $or: [] })).toThrow(/unknown operator/);
    expect(() => parsePredicate({ $not: { a: 1 }, b: 2 })).toThrow(/must be the only key/);
    expect(() => parsePredicate({ a: { $exists: 'yes' } })).toThrow(/query\.a\.\$exists/);
    let deep: unknown = { kind: 'x' };
    for (let index = 0; index < 20; index++) deep = { $not: deep };
    expect(() => parsePredicate(deep)).toThrow(/nest at most/);
  });
});

describe('fields', () => {
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'a', annotations: { 'backstage.io/orphan': 'true', 'x.io/y': 'z' }, tags: ['t'] },
    spec: { owner: 'team', type: 'service' },
  };

  it('keeps only the named paths, whole subtrees and dotted keys included', () => {
    const project = projectFields(parseFields(['metadata.name,spec', 'metadata.annotations.backstage.io/orphan', 'metadata.nothing']));
    expect(project(entity)).toEqual({ metadata: { name: 'a', annotations: { 'backstage.io/orphan': 'true' } }, spec: { owner: 'team', type: 'service' } });
    expect(JSON.parse(projectJson(['kind'])(JSON.stringify(entity)))).toEqual({ kind: 'Component' });
    expect(projectJson(undefined)('{"kind":"x"}')).toBe('{"kind":"x"}');
  });

  it('rejects array indexes and malformed paths', () => {
    expect(() => parseFields('metadata.tags[0]')).toThrow(/Invalid fields/);
    expect(() => parseFields('metadata..name')).toThrow(/Invalid fields/);
    expect(parseFields(' , ')).toBeUndefined();
  });
});

describe('orders', () => {
  it('reads both of Backstage forms', () => {
    expect(parseOrderParams(['asc:metadata.name', 'desc:spec.type'])).toEqual([
      { field: 'metadata.name', order: 'asc' },
      { field: 'spec.type', order: 'desc' },
    ]);
    expect(parseOrderFieldParams(['metadata.name', 'spec.type,desc'])).toEqual([
      { field: 'metadata.name', order: 'asc' },
      { field: 'spec.type', order: 'desc' },
    ]);
    expect(() => parseOrderParams('metadata.name')).toThrow(/Invalid order/);
    expect(() => parseOrderFieldParams('metadata.name,up')).toThrow(/Invalid orderField/);
  });
});

describe('full text', () => {
  it('searches the given fields, else the order field, else name, title and display name', () => {
    expect(fullTextCondition('  ', ['a'], [])).toBeUndefined();
    expect(fullTextCondition(' Pay ', ['Metadata.Title'], [])).toEqual({ keys: ['metadata.title'], contains: 'Pay' });
    expect(fullTextCondition('pay', [], [{ field: 'spec.type', order: 'asc' }])?.keys).toEqual(['spec.type']);
    expect(fullTextCondition('pay', undefined, [])?.keys).toEqual(['metadata.name', 'metadata.title', 'spec.profile.displayname']);
  });
});

describe('entity cursors', () => {
  const cursor: EntityCursor = {
    filter: { allOf: [{ key: 'kind', values: ['component'] }, { keys: ['metadata.name'], contains: 'x' }] },
    order: [{ field: 'metadata.name', order: 'desc' }],
    direction: 'prev',
    position: { values: [null], ref: 'component:default/a' },
    totalItems: 7,
  };

  it('round-trips and is plain base64', () => {
    const encoded = encodeEntityCursor(cursor);
    expect(encoded).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(decodeEntityCursor(encoded)).toEqual(cursor);
  });

  it('rejects anything this server did not issue, naming the parameter', () => {
    expect(() => decodeEntityCursor('%%%')).toThrow(/Invalid cursor/);
    expect(() => decodeEntityCursor(Buffer.from('{"v":1}').toString('base64'), 'after')).toThrow(/Invalid after/);
    const tampered = JSON.parse(Buffer.from(encodeEntityCursor(cursor), 'base64').toString()) as Record<string, unknown>;
    tampered.filter = { sql: 'drop table' };
    expect(() => decodeEntityCursor(Buffer.from(JSON.stringify(tampered)).toString('base64'))).toThrow(/Invalid cursor/);
  });
});
