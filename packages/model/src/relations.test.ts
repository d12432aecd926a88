import { describe, expect, it } from 'vitest';
import type { Entity } from './entity.js';
import type { JsonObject } from './json.js';
import { REVERSE_RELATION, RELATION_PAIRS, reverseRelationType } from './relation-types.js';
import { relationsOf } from './relations.js';

function entity(kind: string, spec: JsonObject, namespace?: string, apiVersion = 'backstage.io/v1alpha1'): Entity {
  return { apiVersion, kind, metadata: { name: 'thing', ...(namespace ? { namespace } : {}) }, spec };
}

const pairs = (e: Entity) => {
  const { relations, problems } = relationsOf(e);
  expect(problems).toEqual([]);
  return relations.map((r) => `${r.type} ${r.targetRef}`);
};

describe('relation pairs', () => {
  it('maps every type to its reverse, both ways', () => {
    expect(RELATION_PAIRS).toHaveLength(7);
    for (const [forward, reverse] of RELATION_PAIRS) {
      expect(REVERSE_RELATION[forward]).toBe(reverse);
      expect(REVERSE_RELATION[reverse]).toBe(forward);
    }
    expect(reverseRelationType('ownedBy')).toBe('ownerOf');
    expect(reverseRelationType('hasMember')).toBe('memberOf');
    expect(reverseRelationType('constructor')).toBeUndefined();
  });
});

describe('relationsOf', () => {
  it('Component: owner, subcomponentOf, APIs, dependencies and system', () => {
    const component = entity('Component', {
      type: 'service',
      lifecycle: 'production',
      owner: 'team-a',
      subcomponentOf: 'platform',
      providesApis: ['orders-api'],
      consumesApis: ['payments/payments-api'],
      dependsOn: ['resource:orders-db', 'auth-service'],
      dependencyOf: ['component:checkout'],
      system: 'shop',
    });
    expect(pairs(component)).toEqual([
      'ownedBy group:default/team-a',
      'partOf component:default/platform',
      'providesApi api:default/orders-api',
      'consumesApi api:payments/payments-api',
      'dependsOn resource:default/orders-db',
      'dependsOn component:default/auth-service',
      'dependencyOf component:default/checkout',
      'partOf system:default/shop',
    ]);
  });

  it('API: owner and system', () => {
    expect(pairs(entity('API', { type: 'openapi', lifecycle: 'x', owner: 'user:jane', definition: 'x', system: 'shop' }))).toEqual([
      'ownedBy user:default/jane',
      'partOf system:default/shop',
    ]);
  });

  it('Resource: owner, dependsOn, dependencyOf and system', () => {
    expect(pairs(entity('Resource', { type: 'db', owner: 'team-a', dependsOn: ['resource:disk'], dependencyOf: 'orders', system: 'shop' }))).toEqual([
      'ownedBy group:default/team-a',
      'dependsOn resource:default/disk',
      'dependencyOf component:default/orders',
      'partOf system:default/shop',
    ]);
  });

  it('System: owner and domain', () => {
    expect(pairs(entity('System', { owner: 'team-a', domain: 'commerce' }))).toEqual(['ownedBy group:default/team-a', 'partOf domain:default/commerce']);
  });

  it('Domain: owner and subdomainOf', () => {
    expect(pairs(entity('Domain', { owner: 'team-a', subdomainOf: 'business' }))).toEqual([
      'ownedBy group:default/team-a',
      'partOf domain:default/business',
    ]);
  });

  it('Group: parent, children and members', () => {
    expect(pairs(entity('Group', { type: 'team', parent: 'org', children: ['squad-1'], members: ['jane', 'group:not-a-user'] }))).toEqual([
      'childOf group:default/org',
      'parentOf group:default/squad-1',
      'hasMember user:default/jane',
      'hasMember group:default/not-a-user',
    ]);
  });

  it('User: memberOf', () => {
    expect(pairs(entity('User', { memberOf: ['team-a', 'ops/oncall'] }))).toEqual(['memberOf group:default/team-a', 'memberOf group:ops/oncall']);
  });

  it('Template: owner, only for scaffolder.backstage.io/v1beta3', () => {
    expect(pairs(entity('Template', { type: 'x', steps: [], owner: 'team-a' }, undefined, 'scaffolder.backstage.io/v1beta3'))).toEqual([
      'ownedBy group:default/team-a',
    ]);
    expect(pairs(entity('Template', { type: 'x', steps: [], owner: 'team-a' }, undefined, 'backstage.io/v1beta2'))).toEqual([]);
  });

  it('Location: none', () => {
    expect(pairs(entity('Location', { targets: ['./a.yaml'], owner: 'team-a' }))).toEqual([]);
  });

  it('resolves kind-less and namespace-less refs against the entity, lower-casing them', () => {
    expect(pairs(entity('Component', { type: 's', lifecycle: 'l', owner: 'Human Resources', system: 'System:Other/Retail' }, 'Payments'))).toEqual([
      'ownedBy group:payments/human resources',
      'partOf system:other/retail',
    ]);
  });

  it('emits each relation once', () => {
    expect(pairs(entity('User', { memberOf: ['team-a', 'group:default/team-a', 'Team-A'] }))).toEqual(['memberOf group:default/team-a']);
  });

  it('reports refs it cannot read and keeps the others', () => {
    const { relations, problems } = relationsOf(entity('Group', { type: 'team', children: ['ok', ':bad', 7] }));
    expect(relations).toEqual([{ type: 'parentOf', targetRef: 'group:default/ok' }]);
    expect(problems.map((p) => [p.field, p.stage, p.rule, p.entityRef])).toEqual([
      ['spec.children[1]', 'relations', 'entityRef', 'group:default/thing'],
      ['spec.children[2]', 'relations', 'entityRef', 'group:default/thing'],
    ]);
    expect(problems[0]?.message).toBe('spec.children[1] is not a valid entity ref: Entity ref ":bad" has an empty kind before ":"; write it as [kind:][namespace/]name, e.g. "component:default/my-service"');
  });

  it('returns nothing for kinds it does not know', () => {
    expect(relationsOf(entity('Service', { owner: 'team-a' }))).toEqual({ relations: [], problems: [] });
  });
});
