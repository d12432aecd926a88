import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Entity } from '@portico/model';
import { catalogPlugin } from '@portico/plugin-catalog/server';
import type { ConfigObject, DatabaseDialect, ServerPlugin } from '@portico/server';
import { startTestKernel, type TestDatabase, type TestKernel } from '@portico/server/testing';
import type { SerializedTask, SerializedTaskEvent, TaskStatus } from '../../common/tasks.js';
import type { Kysely } from 'kysely';
import type { ScaffolderTables } from '../database/tables.js';
import { scaffolderPlugin } from '../plugin.js';

export interface StartedScaffolder extends TestKernel {
  /** Folder with the catalog files (all.yaml and the templates). */
  dir: string;
  api<T = unknown>(method: string, route: string, body?: unknown): Promise<{ status: number; body: T }>;
  createTask(templateRef: string, values: Record<string, unknown>, secrets?: Record<string, string>): Promise<string>;
  waitForStatus(taskId: string, statuses: TaskStatus[], timeoutMs?: number): Promise<SerializedTask>;
  events(taskId: string): Promise<SerializedTaskEvent[]>;
  /** Resolves once the catalog serves the entity. */
  waitForEntity(ref: string, timeoutMs?: number): Promise<Entity>;
}

export interface StartScaffolderOptions {
  /** Catalog files (path → text) under a fresh folder; `all.yaml` must be a Location listing the others. */
  files?: Record<string, string>;
  /** Reuse a folder of catalog files (a second replica). */
  dir?: string;
  /** Folders copied into the catalog folder (target → source), e.g. a template's skeleton. */
  copy?: Record<string, string>;
  config?: ConfigObject;
  database?: TestDatabase;
  plugins?: ServerPlugin[];
}

/**
 * Fast polls so lifecycle tests take seconds, not minutes. The lease stays long enough that a
 * loaded test machine (several kernels in one process) never loses one by accident; tests of
 * expiry shorten it.
 */
export const FAST_SCAFFOLDER: ConfigObject = { taskLease: 6000, pollInterval: 100, concurrentTasksLimit: 4 };
/** For tests that wait for a lease to run out. */
export const SHORT_LEASE = 1500;

/** A Location listing the given files, as `all.yaml`. */
export function locationFile(targets: string[]): string {
  return `apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: test-templates\nspec:\n  targets:\n${targets.map((target) => `    - ./${target}\n`).join('')}`;
}

/** A real kernel with the catalog and the scaffolder, reading templates from files. */
export async function startScaffolder(dialect: DatabaseDialect, options: StartScaffolderOptions = {}): Promise<StartedScaffolder> {
  const ownsDir = options.dir === undefined;
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'portico-scaffolder-catalog-'));
  for (const [name, text] of Object.entries(options.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  for (const [target, source] of Object.entries(options.copy ?? {})) fs.cpSync(source, path.join(dir, target), { recursive: true });
  const config = options.config ?? {};
  const section = (key: string): ConfigObject => {
    const value = config[key];
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  };
  const kernel = await startTestKernel({
    dialect,
    ...(options.database ? { database: options.database } : {}),
    plugins: [catalogPlugin, scaffolderPlugin, ...(options.plugins ?? [])],
    config: {
      ...config,
      catalog: {
        rules: [{ allow: ['Component', 'API', 'Resource', 'System', 'Domain', 'Group', 'User', 'Location', 'Template'] }],
        locations: [{ type: 'file', target: path.join(dir, 'all.yaml') }],
        allowedLocationTypes: ['file', 'url', 'git'],
        ...section('catalog'),
      },
      scaffolder: { ...FAST_SCAFFOLDER, ...section('scaffolder') },
    },
  });

  const api = async <T>(method: string, route: string, body?: unknown) => {
    const response = await fetch(`${kernel.url}${route}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const poll = async <T>(what: () => string, timeoutMs: number, attempt: () => Promise<T | undefined>): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await attempt();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  return {
    ...kernel,
    dir,
    api,
    async createTask(templateRef, values, secrets) {
      const { status, body } = await api<{ id: string }>('POST', '/api/scaffolder/v2/tasks', { templateRef, values, ...(secrets ? { secrets } : {}) });
      if (status !== 201) throw new Error(`Creating a task answered ${status}: ${JSON.stringify(body)}`);
      return body.id;
    },
    async waitForStatus(taskId, statuses, timeoutMs = 20_000) {
      let last: SerializedTask | undefined;
      let lastEvents: string[] = [];
      return poll(
        () => `task ${taskId} to be ${statuses.join('|')}; last seen: ${JSON.stringify({ status: last?.status, heartbeat: last?.lastHeartbeatAt, state: last?.state, events: lastEvents })}`,
        timeoutMs,
        async () => {
          const { body } = await api<SerializedTask>('GET', `/api/scaffolder/v2/tasks/${taskId}`);
          last = body;
          if (statuses.includes(body.status)) return body;
          // Read straight from the table (the /events route waits for new events): the timeout message shows where the task is.
          const rows = await (kernel.kernel.connection.kysely as unknown as Kysely<ScaffolderTables>)
            .selectFrom('scaffolder_task_events')
            .select(['event_type', 'body', 'created_at'])
            .where('task_id', '=', taskId)
            .orderBy('id', 'desc')
            .limit(6)
            .execute();
          lastEvents = rows.reverse().map((row) => `${new Date(Number(row.created_at)).toISOString()} ${row.event_type} ${row.body}`);
          return undefined;
        },
      );
    },
    async events(taskId) {
      return (await api<SerializedTaskEvent[]>('GET', `/api/scaffolder/v2/tasks/${taskId}/events`)).body;
    },
    async waitForEntity(ref, timeoutMs = 20_000) {
      const [kind, rest] = ref.split(':') as [string, string];
      const [namespace, name] = rest.split('/') as [string, string];
      return poll(() => `entity ${ref}`, timeoutMs, async () => {
        const { status, body } = await api<Entity>('GET', `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`);
        return status === 200 ? body : undefined;
      });
    },
    stop: async () => {
      await kernel.stop();
      if (ownsDir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
