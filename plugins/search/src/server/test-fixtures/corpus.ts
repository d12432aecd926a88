import type { SearchDocumentInput } from '../extension-points.js';

const DAY = 24 * 60 * 60 * 1000;
/** The clock the ranking tests run at. */
export const CORPUS_NOW = Date.UTC(2026, 0, 15);

interface EntityDocument {
  name: string;
  kind: string;
  title: string;
  text: string;
  owner?: string;
  type?: string;
  lifecycle?: string;
  tags?: string[];
}

function entity(doc: EntityDocument): SearchDocumentInput {
  const ref = `${doc.kind.toLowerCase()}:default/${doc.name}`;
  return {
    type: 'software-catalog',
    key: ref,
    title: doc.title,
    text: doc.text,
    name: doc.name,
    location: `/catalog/default/${doc.kind.toLowerCase()}/${doc.name}`,
    fields: {
      kind: doc.kind,
      namespace: 'default',
      type: doc.type,
      lifecycle: doc.lifecycle,
      owner: doc.owner,
      tags: doc.tags,
      entityRef: ref,
    },
    keywords: [doc.kind, doc.type, doc.owner, doc.lifecycle, ...(doc.tags ?? [])].filter((word): word is string => Boolean(word)),
    ...(doc.owner ? { ownerRef: `group:default/${doc.owner}` } : {}),
  };
}

/** A small organisation whose best answers are known (see search-suite.test.ts). */
export const catalogDocuments: SearchDocumentInput[] = [
  entity({ name: 'checkout', kind: 'Component', title: 'Checkout Service', text: 'Handles the checkout flow and payment capture for the web shop.', owner: 'payments-team', type: 'service', lifecycle: 'production', tags: ['java', 'payments'] }),
  entity({ name: 'checkout-web', kind: 'Component', title: 'Checkout Web', text: 'The checkout pages of the shop front end.', owner: 'web-team', type: 'website', lifecycle: 'production', tags: ['react'] }),
  entity({ name: 'payments', kind: 'System', title: 'Payments', text: 'Everything that moves money.', owner: 'payments-team' }),
  entity({ name: 'payments-team', kind: 'Group', title: 'Payments Team', text: 'Owns checkout, billing and the ledger.', type: 'team' }),
  entity({ name: 'billing', kind: 'Component', title: 'Billing Service', text: 'Creates invoices and talks to the checkout service about captured payments.', owner: 'finance-team', type: 'service', lifecycle: 'experimental', tags: ['go'] }),
  entity({ name: 'ledger', kind: 'Component', title: 'Ledger', text: 'Double-entry ledger of every payment.', owner: 'finance-team', type: 'service', lifecycle: 'production', tags: ['go'] }),
  entity({ name: 'kubernetes-operator', kind: 'Component', title: 'Kubernetes Operator', text: 'Deploys workloads to clusters.', owner: 'platform-team', type: 'service', lifecycle: 'production', tags: ['go', 'kubernetes'] }),
  entity({ name: 'search-api', kind: 'API', title: 'Search API', text: 'OpenAPI definition of the search endpoints.', owner: 'platform-team', type: 'openapi', lifecycle: 'production' }),
  entity({ name: 'inventory', kind: 'Component', title: 'Inventory Service', text: 'Keeps stock levels and reserves items.', owner: 'web-team', type: 'service', lifecycle: 'production', tags: ['java'] }),
  entity({ name: 'notifications', kind: 'Component', title: 'Notifications', text: 'Sends email and push messages to customers.', owner: 'platform-team', type: 'service', lifecycle: 'deprecated' }),
  entity({ name: 'jane', kind: 'User', title: 'Jane Doe', text: 'Engineer on the payments team.' }),
  ...Array.from({ length: 40 }, (_, index) =>
    entity({
      name: `report-worker-${String(index + 1).padStart(2, '0')}`,
      kind: index % 4 === 0 ? 'Resource' : 'Component',
      title: `Report Worker ${index + 1}`,
      text: `Builds the nightly reporting batch number ${index + 1}.`,
      owner: 'data-team',
      type: 'worker',
      lifecycle: 'production',
    }),
  ),
];

function docsPage(key: string, title: string, text: string, updatedAt: number, entityRef: string): SearchDocumentInput {
  return {
    type: 'techdocs',
    key,
    itemKey: entityRef,
    title,
    text,
    location: `/docs/default/${key}`,
    fields: { entityRef, kind: 'component', namespace: 'default' },
    updatedAt,
  };
}

/** Docs sections; the two release pages differ only in how recently they were edited. */
export const docsDocuments: SearchDocumentInput[] = [
  docsPage('checkout/getting-started', 'Getting started', 'Run the checkout locally with docker compose and a seeded database.', CORPUS_NOW - 3 * DAY, 'component:default/checkout'),
  docsPage('billing/runbook', 'Runbook', 'When invoices fail, read the checkout logs first, then the billing queue.', CORPUS_NOW - 400 * DAY, 'component:default/billing'),
  docsPage('billing/release-old', 'Release process', 'Tag the commit, wait for the pipeline, announce in the channel.', CORPUS_NOW - 700 * DAY, 'component:default/billing'),
  docsPage('ledger/release-new', 'Release process', 'Tag the commit, wait for the pipeline, announce in the channel.', CORPUS_NOW - 1 * DAY, 'component:default/ledger'),
];
