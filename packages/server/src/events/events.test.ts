import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEventTopic } from '../plugin-api/index.js';
import { captureLogs, levels, type LogRecord } from '../scheduler/test-fixtures/log-capture.js';
import { createTestDatabase, testDatabaseIds, type TestDatabase } from '../testing/databases.js';
import { maxEventPayloadBytes } from './envelope.js';
import { createEvents, type KernelEvents } from './events.js';

interface EntityChanged {
  ref: string;
  tags: string[];
}

const entityChanged = createEventTopic<EntityChanged>('catalog.entity-changed');
const locationAdded = createEventTopic<{ target: string }>('catalog.location-added');
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe.each(testDatabaseIds())('events on %s', (dialect) => {
  let database: TestDatabase;
  let events: KernelEvents;
  let records: LogRecord[];

  beforeEach(async () => {
    database = await createTestDatabase(dialect);
    const capture = captureLogs();
    records = capture.records;
    events = createEvents({ connection: database, logger: capture.logger, replicaId: 'a' });
    await events.start();
  });

  afterEach(async () => {
    await events.stop();
    await database.close();
  });

  it('delivers an event to every subscriber of its topic in this process, each with its own copy', async () => {
    const first: EntityChanged[] = [];
    const second: EntityChanged[] = [];
    const other: unknown[] = [];
    events.forPlugin('search').subscribe(entityChanged, (payload) => {
      payload.tags.push('mutated by search');
      first.push(payload);
    });
    events.forPlugin('scorecards').subscribe(entityChanged, (payload) => void second.push(payload));
    events.service.subscribe(locationAdded, (payload) => void other.push(payload));

    const payload = { ref: 'component:default/petstore', tags: ['java'] };
    await events.forPlugin('catalog').publish(entityChanged, payload);
    await expect.poll(() => first.length + second.length, { timeout: 2_000, interval: 5 }).toBe(2);
    expect(second).toEqual([{ ref: 'component:default/petstore', tags: ['java'] }]);
    expect(payload.tags).toEqual(['java']);
    await sleep(50);
    expect(other).toEqual([]);
  });

  it('runs handlers after publish returns, so a slow handler never holds up the publisher', async () => {
    let started = false;
    let release!: () => void;
    const hanging = new Promise<void>((resolve) => (release = resolve));
    events.service.subscribe(entityChanged, async () => {
      started = true;
      await hanging;
    });
    await events.service.publish(entityChanged, { ref: 'component:default/a', tags: [] });
    expect(started).toBe(false);
    await expect.poll(() => started, { timeout: 2_000, interval: 5 }).toBe(true);
    release();
  });

  it('waits on stop for running handlers, but not forever', async () => {
    const capture = captureLogs();
    const local = createEvents({ connection: database, logger: capture.logger, replicaId: 'b', stopTimeoutMs: 300 });
    let finished = false;
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    local.service.subscribe(entityChanged, async () => {
      await sleep(100);
      finished = true;
    });
    local.service.subscribe(locationAdded, () => stuck);
    await local.service.publish(entityChanged, { ref: 'component:default/a', tags: [] });
    await local.service.publish(locationAdded, { target: 'https://example.com/catalog-info.yaml' });
    const stopAt = Date.now();
    await local.stop();
    expect(finished).toBe(true);
    expect(Date.now() - stopAt).toBeGreaterThanOrEqual(250);
    expect(Date.now() - stopAt).toBeLessThan(1_000);
    expect(capture.records.map((record) => record.msg)).toContain('1 event handlers were still running when the events service stopped');
    release();
  });

  it('logs a failing handler with its topic and plugin, and still delivers to the others', async () => {
    const received: string[] = [];
    events.forPlugin('broken').subscribe(entityChanged, () => {
      throw new Error('sync failure');
    });
    events.forPlugin('flaky').subscribe(entityChanged, async () => Promise.reject(new Error('async failure')));
    events.forPlugin('healthy').subscribe(entityChanged, (payload) => void received.push(payload.ref));

    await expect(events.service.publish(entityChanged, { ref: 'component:default/b', tags: [] })).resolves.toBeUndefined();
    await expect.poll(() => records.filter((record) => record.level === levels.error).length, { timeout: 2_000, interval: 5 }).toBe(2);
    expect(received).toEqual(['component:default/b']);
    const failures = records
      .filter((record) => record.level === levels.error)
      .map((record) => ({ topic: record.topic, plugin: record.plugin, error: record.err?.message, msg: record.msg }))
      .sort((a, b) => String(a.plugin).localeCompare(String(b.plugin)));
    expect(failures).toEqual([
      { topic: 'catalog.entity-changed', plugin: 'broken', error: 'sync failure', msg: "A handler of event 'catalog.entity-changed' in plugin 'broken' failed" },
      { topic: 'catalog.entity-changed', plugin: 'flaky', error: 'async failure', msg: "A handler of event 'catalog.entity-changed' in plugin 'flaky' failed" },
    ]);
  });

  it('stops delivering to a handler once it unsubscribes', async () => {
    const received: string[] = [];
    const unsubscribe = events.service.subscribe(entityChanged, (payload) => void received.push(payload.ref));
    await events.service.publish(entityChanged, { ref: 'component:default/one', tags: [] });
    await expect.poll(() => received, { timeout: 2_000, interval: 5 }).toEqual(['component:default/one']);
    unsubscribe();
    unsubscribe();
    await events.service.publish(entityChanged, { ref: 'component:default/two', tags: [] });
    await sleep(50);
    expect(received).toEqual(['component:default/one']);
  });

  it('delivers JSON: what every replica would receive', async () => {
    const topic = createEventTopic<unknown>('test.json');
    const received: unknown[] = [];
    events.service.subscribe(topic, (payload) => void received.push(payload));
    await events.service.publish(topic, { at: new Date('2026-01-02T03:04:05.000Z'), skip: undefined, n: 1 });
    await events.service.publish(topic, undefined);
    await expect.poll(() => received.length, { timeout: 2_000, interval: 5 }).toBe(2);
    expect(received).toEqual([{ at: '2026-01-02T03:04:05.000Z', n: 1 }, undefined]);
  });

  it('rejects a payload that is too large or not JSON, on every database, and delivers nothing', async () => {
    const topic = createEventTopic<unknown>('test.big');
    const received: unknown[] = [];
    events.service.subscribe(topic, (payload) => void received.push(payload));
    const tooBig = { data: 'x'.repeat(maxEventPayloadBytes) };
    await expect(events.service.publish(topic, tooBig)).rejects.toThrow(
      `Event 'test.big': the payload is ${maxEventPayloadBytes + 11} bytes of JSON, more than the ${maxEventPayloadBytes} an event may carry`,
    );
    await expect(events.service.publish(topic, { id: 1n })).rejects.toThrow(
      "Event 'test.big': the payload is not JSON-serialisable: Do not know how to serialize a BigInt",
    );
    const largest = { data: 'é'.repeat((maxEventPayloadBytes - 11) / 2) };
    await events.service.publish(topic, largest);
    await expect.poll(() => received, { timeout: 2_000, interval: 5 }).toEqual([largest]);
  });

  it('refuses to publish after stop', async () => {
    await events.stop();
    await expect(events.service.publish(entityChanged, { ref: 'component:default/c', tags: [] })).rejects.toThrow(
      "Cannot publish event 'catalog.entity-changed': the events service is stopped",
    );
  });
});
