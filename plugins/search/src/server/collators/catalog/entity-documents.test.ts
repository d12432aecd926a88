import type { Entity } from '@portico/model';
import { describe, expect, it } from 'vitest';
import { entityDocuments } from './entity-documents.js';

const checkout: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'shop', title: 'Checkout Service', description: 'Takes payments.', tags: ['java'] },
  spec: { type: 'service', lifecycle: 'production', owner: 'payments-team', system: 'payments' },
  relations: [{ type: 'ownedBy', targetRef: 'group:shop/payments-team' }],
};

describe('entityDocuments', () => {
  it("makes a software-catalog document with Backstage's fields", () => {
    expect(entityDocuments(checkout)).toEqual([
      {
        type: 'software-catalog',
        key: 'component:shop/checkout',
        itemKey: 'component:shop/checkout',
        title: 'Checkout Service',
        text: 'Takes payments.',
        name: 'checkout',
        location: '/catalog/shop/component/checkout',
        keywords: ['Component', 'service', 'payments-team', 'payments', 'production', 'java'],
        ownerRef: 'group:shop/payments-team',
        fields: {
          kind: 'Component',
          namespace: 'shop',
          name: 'checkout',
          type: 'service',
          componentType: 'service',
          lifecycle: 'production',
          owner: 'payments-team',
          system: 'payments',
          tags: ['java'],
          entityRef: 'component:shop/checkout',
        },
      },
    ]);
  });

  it('adds a software-template document for a Template', () => {
    const template: Entity = {
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: { name: 'node-service', title: 'Node.js service' },
      spec: { type: 'service', owner: 'group:platform', steps: [] },
    };
    const documents = entityDocuments(template);
    expect(documents.map((document) => [document.type, document.location])).toEqual([
      ['software-catalog', '/catalog/default/template/node-service'],
      ['software-template', '/create/templates/default/node-service'],
    ]);
    expect(documents[1]).toMatchObject({ title: 'Node.js service', ownerRef: 'group:default/platform', itemKey: 'template:default/node-service' });
  });

  it("titles people and teams by their profile, and counts them as their own owners", () => {
    const user: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'jane' },
      spec: { profile: { displayName: 'Jane Doe', email: 'jane@example.com' }, memberOf: ['payments-team'] },
    };
    const [document] = entityDocuments(user);
    expect(document).toMatchObject({ title: 'Jane Doe', ownerRef: 'user:default/jane', keywords: ['User', 'jane@example.com'] });
  });

  it('leaves Location entities out', () => {
    expect(entityDocuments({ apiVersion: 'backstage.io/v1alpha1', kind: 'Location', metadata: { name: 'all' }, spec: { targets: ['./a.yaml'] } })).toEqual([]);
  });

  it('fills a custom location template and encodes the parts', () => {
    const [document] = entityDocuments(
      { ...checkout, metadata: { ...checkout.metadata, name: 'a b' } },
      { locationTemplate: '/x/:kind/:namespace/:name', templateLocationTemplate: '/t' },
    );
    expect(document?.location).toBe('/x/component/shop/a%20b');
  });
});
