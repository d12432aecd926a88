import type { Entity } from '@portico/model';
import type { FixtureEntity } from './catalog-fixture.js';

const v1 = 'backstage.io/v1alpha1';
const ORIGIN = 'url:https://git.example.com/org/catalog/blob/main/catalog-info.yaml';
const ROOT_FILE = 'location:url:https://git.example.com/org/catalog/blob/main/catalog-info.yaml';
const TEAMS_FILE = 'location:url:https://git.example.com/org/catalog/blob/main/teams.yaml';

function component(name: string, spec: Record<string, unknown>, metadata: Partial<Entity['metadata']> = {}): Entity {
  return { apiVersion: v1, kind: 'Component', metadata: { name, namespace: 'default', ...metadata }, spec: spec as Entity['spec'] };
}

/**
 * A small organisation with the variety queries must cope with: several kinds and namespaces,
 * titles on some entities only, tags in mixed case, annotation keys with dots, relations both
 * ways, a processing error, an orphan, and a Location tree (root file -> teams.yaml).
 */
export function sampleCatalog(): FixtureEntity[] {
  const entities: FixtureEntity[] = [
    { entity: { apiVersion: v1, kind: 'Location', metadata: { name: 'root', namespace: 'default' }, spec: { type: 'url', targets: ['./teams.yaml'] } }, sourceKey: ROOT_FILE },
    { entity: { apiVersion: v1, kind: 'Group', metadata: { name: 'team-a', namespace: 'default', title: 'Team A' }, spec: { type: 'team', children: [] } }, sourceKey: TEAMS_FILE },
    { entity: { apiVersion: v1, kind: 'Group', metadata: { name: 'team-b', namespace: 'default' }, spec: { type: 'team', children: [], profile: { displayName: 'The B Team' } } }, sourceKey: TEAMS_FILE },
    { entity: { apiVersion: v1, kind: 'User', metadata: { name: 'ada', namespace: 'default' }, spec: { memberOf: ['team-a'], profile: { displayName: 'Ada Lovelace', email: 'ada@example.com' } } }, sourceKey: TEAMS_FILE },
    { entity: { apiVersion: v1, kind: 'User', metadata: { name: 'brian', namespace: 'default' }, spec: { memberOf: ['team-a', 'team-b'], profile: { displayName: 'Brian Kernighan' } } }, sourceKey: TEAMS_FILE },
    { entity: { apiVersion: v1, kind: 'System', metadata: { name: 'payments', namespace: 'default', title: 'Payments' }, spec: { owner: 'team-a' } }, sourceKey: ROOT_FILE },
    { entity: { apiVersion: v1, kind: 'API', metadata: { name: 'orders-api', namespace: 'default', title: 'Orders API', tags: ['rest'] }, spec: { type: 'openapi', lifecycle: 'production', owner: 'team-a', system: 'payments', definition: 'openapi: 3.0.0' } }, sourceKey: ROOT_FILE },
    { entity: component('orders', { type: 'service', lifecycle: 'production', owner: 'team-a', system: 'payments', providesApis: ['orders-api'] }, { title: 'Orders Service', tags: ['java', 'Payments'], annotations: { 'backstage.io/techdocs-ref': 'dir:.', 'github.com/project-slug': 'org/orders' } }), sourceKey: ROOT_FILE },
    { entity: component('billing', { type: 'service', lifecycle: 'production', owner: 'team-b', system: 'payments', consumesApis: ['orders-api'], dependsOn: ['component:orders'] }, { title: 'billing', tags: ['go'] }), sourceKey: ROOT_FILE },
    { entity: component('checkout-web', { type: 'website', lifecycle: 'experimental', owner: 'team-b', consumesApis: ['orders-api'] }, { tags: ['typescript', 'web'], description: 'The shop front, with a = sign and, a comma' }), sourceKey: ROOT_FILE },
    { entity: component('ledger', { type: 'library', lifecycle: 'deprecated', owner: 'user:ada' }, { title: 'Ledger Library', tags: ['JAVA'] }), sourceKey: ROOT_FILE },
    { entity: component('Zeta-Tools', { type: 'library', lifecycle: 'production', owner: 'team-a' }, { title: 'zeta tools' }), sourceKey: ROOT_FILE },
    { entity: component('inventory', { type: 'service', lifecycle: 'production', owner: 'team-b' }, { namespace: 'ops', title: 'Inventory' }), sourceKey: ROOT_FILE },
    {
      entity: component('broken-thing', { type: 'service', lifecycle: 'experimental', owner: 'team-a' }),
      sourceKey: ROOT_FILE,
      errors: [{ type: 'backstage.io/catalog-processing', level: 'error', message: 'spec.owner: could not read the file' }],
    },
    {
      entity: component('old-thing', { type: 'service', lifecycle: 'deprecated', owner: 'team-b' }, { annotations: { 'backstage.io/orphan': 'true' } }),
      sourceKey: ROOT_FILE,
      orphan: true,
    },
    { entity: { apiVersion: v1, kind: 'Resource', metadata: { name: 'orders-db', namespace: 'default', title: 'Orders DB' }, spec: { type: 'database', owner: 'team-a', system: 'payments', dependencyOf: ['component:orders'] } }, sourceKey: ROOT_FILE },
    { entity: { apiVersion: v1, kind: 'Domain', metadata: { name: 'commerce', namespace: 'default' }, spec: { owner: 'team-a' } }, sourceKey: ROOT_FILE },
  ];
  return entities.map((item) => ({ originKey: ORIGIN, ...item }));
}

export const SAMPLE_ORIGIN = ORIGIN;
export const SAMPLE_ROOT_FILE = ROOT_FILE;
export const SAMPLE_TEAMS_FILE = TEAMS_FILE;
