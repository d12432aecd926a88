import os from 'node:os';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectDatabase, type DatabaseConnection } from '../database/index.js';
import { createEventTopic } from '../plugin-api/index.js';
import { captureLogs, levels, type LogRecord } from '../scheduler/test-fixtures/log-capture.js';
import { createTestDatabase, type TestDatabase } from '../testing/databases.js';
import { maxEventPayloadBytes } from './envelope.js';
import { createEvents, type KernelEvents } from './events.js';

const entityChanged = createEventTopic<{ ref: string }>('catalog.entity-changed');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe('events between two replicas on one PostgreSQL database', () => {
  let database: TestDatabase;
  const connections: DatabaseConnection[] = [];
  const services: KernelEvents[] = [];
  let records: LogRecord[];

  beforeEach(async () => {
    database = await createTestDatabase('pg');
    records = [];
  });

  afterEach(async () => {
    await Promise.all(services.splice(0).map((service) => service.stop()));
    await Promise.all(connections.splice(0).map((connection) => connection.close()));
    await database.close();
  });

  async function replica(replicaId: string): Promise<KernelEvents> {
    const connection = connectDatabase(database.config, { baseDir: os.tmpdir() });
    connections.push(connection);
    const events = createEvents({ connection, logger: captureLogs(records).logger.child({ replicaId }), replicaId });
    services.push(events);
    await events.start();
    return events;
  }

  it('delivers an event to the other replica once and to the publishing replica once', async () => {
    const a = await replica('a');
    const b = await replica('b');
    const received: Array<{ replica: string; ref: string }> = [];
    a.forPlugin('search').subscribe(entityChanged, ({ ref }) => void received.push({ replica: 'a', ref }));
    b.forPlugin('search').subscribe(entityChanged, ({ ref }) => void received.push({ replica: 'b', ref }));

    await a.forPlugin('catalog').publish(entityChanged, { ref: 'component:default/from-a' });
    await b.forPlugin('catalog').publish(entityChanged, { ref: 'component:default/from-b' });
    await expect.poll(() => received.length, { timeout: 3_000, interval: 5 }).toBe(4);
    // Long enough for a second copy over NOTIFY to arrive, were one sent.
    await sleep(300);
    expect(received.sort((x, y) => `${x.ref}${x.replica}`.localeCompare(`${y.ref}${y.replica}`))).toEqual([
      { replica: 'a', ref: 'component:default/from-a' },
      { replica: 'b', ref: 'component:default/from-a' },
      { replica: 'a', ref: 'component:default/from-b' },
      { replica: 'b', ref: 'component:default/from-b' },
    ]);
    expect(records.filter((record) => record.level >= levels.warn)).toEqual([]);
  });

  it('carries the largest allowed payload to the other replica intact', async () => {
    const a = await replica('a');
    const b = await replica('b');
    const topic = createEventTopic<{ text: string }>('test.large');
    const received: Array<{ text: string }> = [];
    b.service.subscribe(topic, (payload) => void received.push(payload));
    // Two bytes per character: the limit is in bytes, as NOTIFY's is.
    const payload = { text: 'é'.repeat((maxEventPayloadBytes - 11) / 2) };
    await a.service.publish(topic, payload);
    await expect.poll(() => received, { timeout: 3_000, interval: 5 }).toEqual([payload]);
  });

  it('listens again after the database drops the listening connection', async () => {
    const a = await replica('a');
    const b = await replica('b');
    const received: string[] = [];
    b.service.subscribe(entityChanged, ({ ref }) => void received.push(ref));

    const listenerPid = async () => {
      const result = await sql<{ pid: number }>`
        select pid from pg_stat_activity
        where datname = current_database() and application_name = 'portico-events b' and query like 'LISTEN%'
      `.execute(database.kysely);
      return result.rows.map((row) => row.pid);
    };
    const [before] = await listenerPid();
    expect(before).toBeTypeOf('number');
    await sql`select pg_terminate_backend(${before})`.execute(database.kysely);

    await expect
      .poll(async () => (await listenerPid()).filter((pid) => pid !== before).length, { timeout: 5_000, interval: 20 })
      .toBe(1);
    expect(await listenerPid()).toHaveLength(1);
    await a.service.publish(entityChanged, { ref: 'component:default/after-reconnect' });
    await expect.poll(() => received, { timeout: 3_000, interval: 5 }).toEqual(['component:default/after-reconnect']);
    expect(records.map((record) => record.msg)).toEqual(
      expect.arrayContaining([
        'Lost the connection that listens for events from other replicas; reconnecting',
        'Listening for events from other replicas again',
      ]),
    );
  });
});
