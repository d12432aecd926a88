import { testDatabaseIds } from '@portico/server/testing';
import type { Entity } from '@portico/model';
import { afterEach, describe, expect, it } from 'vitest';
import type { EntityProvider, EntityProviderConnection } from '../extension-points.js';
import { createHarness, type Harness } from './test-fixtures/harness.js';

/** A provider like an org-chart sync: it keeps its connection and pushes what it knows. */
class OrgProvider implements EntityProvider {
  connection: EntityProviderConnection | undefined;
  getProviderName() {
    return 'org-chart';
  }
  async connect(connection: EntityProviderConnection) {
    this.connection = connection;
  }
}

const user = (name: string, groups: string[] = ['platform']): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name },
  spec: { memberOf: groups },
});
const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, annotations: { 'backstage.io/managed-by-location': 'url:https://hr.example.com/groups' } },
  spec: { type: 'team', children: [] },
});

describe.each(testDatabaseIds())('entity providers (%s)', (dialect) => {
  let harness: Harness;
  afterEach(async () => harness?.close());

  it('applies full and delta mutations, trusted by the rules but validated', async () => {
    const provider = new OrgProvider();
    harness = await createHarness(dialect, { providers: [provider] });
    await harness.ingestion.start();
    const connection = provider.connection as EntityProviderConnection;

    const full = await connection.applyMutation({ type: 'full', entities: [{ entity: user('ada') }, { entity: user('bob') }, { entity: group('platform') }] });
    expect(full).toEqual({ accepted: ['user:default/ada', 'user:default/bob', 'group:default/platform'], errors: [] });
    expect(await harness.refs()).toEqual(['group:default/platform', 'user:default/ada', 'user:default/bob']);
    const platform = await harness.entity('group:default/platform');
    expect(platform?.relations).toEqual([
      { type: 'hasMember', targetRef: 'user:default/ada' },
      { type: 'hasMember', targetRef: 'user:default/bob' },
    ]);
    expect(platform?.metadata.annotations).toEqual({
      'backstage.io/managed-by-location': 'url:https://hr.example.com/groups',
      'backstage.io/managed-by-origin-location': 'provider:org-chart',
    });
    expect((await harness.row('user:default/ada'))?.source_key).toBe('provider:org-chart');

    const delta = await connection.applyMutation({ type: 'delta', added: [{ entity: user('cy') }, { entity: { ...user('bad'), metadata: { name: 'not valid!' } } }], removed: [{ entityRef: 'user:bob' }] });
    expect(delta.accepted).toEqual(['user:default/cy']);
    expect(delta.errors).toEqual([
      'provider org-chart: user:default/not valid!: metadata.name "not valid!" is not a valid entity name: use 1–63 characters: letters, digits, "-", "_" and ".", starting and ending with a letter or digit; spaces are not allowed (use "-" and put the display name in metadata.title) (rule entityName)',
    ]);
    expect(await harness.refs()).toEqual(['group:default/platform', 'user:default/ada', 'user:default/cy']);

    await connection.applyMutation({ type: 'full', entities: [{ entity: user('ada') }, { entity: group('platform') }] });
    expect(await harness.refs()).toEqual(['group:default/platform', 'user:default/ada']);
    expect((await harness.entity('group:default/platform'))?.relations).toEqual([{ type: 'hasMember', targetRef: 'user:default/ada' }]);
    expect(await harness.takeEvents()).toEqual(expect.arrayContaining(['removed user:default/bob', 'removed user:default/cy']));
  });

  it('treats the same ref from another provider or location key as a conflict (first keeps it)', async () => {
    harness = await createHarness(dialect);
    await harness.ingestion.start();
    const hr = harness.ingestion.providerConnection('hr');
    const ldap = harness.ingestion.providerConnection('ldap');
    await hr.applyMutation({ type: 'full', entities: [{ entity: user('ada'), locationKey: 'hr:people' }] });
    const second = await ldap.applyMutation({ type: 'full', entities: [{ entity: user('ada', ['other']) }] });
    expect(second.accepted).toEqual([]);
    expect(second.errors).toEqual([
      'provider ldap: user:default/ada: is already emitted by provider:hr:hr:people (through location provider:hr); the first emitter keeps it (rule conflict)',
    ]);
    expect((await harness.entity('user:default/ada'))?.spec?.memberOf).toEqual(['platform']);
  });
});
