import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConflictError, InputError, NotAllowedError, NotFoundError, AuthenticationError } from '@portico/model';
import { loadConfig } from '../config/index.js';
import {
  createExtensionPoint,
  createServiceRef,
  defineServerPlugin,
  type ServerPlugin,
} from '../plugin-api/index.js';
import { startTestKernel, testDatabaseIds, type TestKernel } from '../testing/index.js';
import { defaultPluginSearchPath, loadPluginPackages } from './load-plugins.js';

const running: TestKernel[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((kernel) => kernel.stop()));
});

async function start(options: Parameters<typeof startTestKernel>[0]): Promise<TestKernel> {
  const kernel = await startTestKernel(options);
  running.push(kernel);
  return kernel;
}

const errorsPlugin: ServerPlugin = defineServerPlugin({
  id: 'errors',
  setup({ router }) {
    const thrown: Record<string, () => Error> = {
      input: () => new InputError('spec.owner must be an entity ref'),
      auth: () => new AuthenticationError('sign in first'),
      denied: () => new NotAllowedError('you may not delete this entity'),
      missing: () => new NotFoundError('no entity component:default/nope'),
      conflict: () => new ConflictError('location already registered'),
      crash: () => new Error('database password is hunter2'),
    };
    router.get('/throw/:kind', { schema: { params: z.object({ kind: z.string() }) } }, async (request) => {
      throw (thrown[request.params.kind] ?? thrown.crash!)();
    });
    router.post(
      '/things',
      { schema: { body: z.object({ name: z.string().min(1), count: z.number().int() }) } },
      async (request) => ({ created: request.body.name }),
    );
  },
});

describe.each(testDatabaseIds())('kernel on %s', (dialect) => {
  it('loads a plugin package named in config, runs its migrations once and serves its routes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portico-plugins-'));
    const file = path.join(dir, 'portico.yaml');
    fs.writeFileSync(file, "plugins:\n  - '@portico-examples/hello-plugin'\nhello:\n  greeting: Hi from config\n");
    const loadedConfig = loadConfig({ files: [file], cwd: dir, env: {} });
    const plugins = await loadPluginPackages(loadedConfig.core.plugins, defaultPluginSearchPath(dir), () => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(plugins.map((entry) => [entry.packageName, entry.plugin.id])).toEqual([['@portico-examples/hello-plugin', 'hello']]);
    const config = { hello: { greeting: 'Hi from config' } };

    const first = await start({ dialect, plugins, config });
    const greeting = await fetch(`${first.url}/api/hello/greeting`).then((response) => response.json());
    expect(greeting).toEqual({ message: 'Hi from config', visits: 1 });
    await first.kernel.stop();

    // A second start on the same database must not re-run migrations, and must keep the data.
    const second = await start({ dialect, plugins, config, database: first.database });
    const again = await fetch(`${second.url}/api/hello/greeting`).then((response) => response.json());
    expect(again).toEqual({ message: 'Hi from config', visits: 2 });
    const recorded = await second.database.kysely
      .selectFrom('hello__migrations' as never)
      .select(['name' as never])
      .execute();
    expect(recorded).toEqual([{ name: '0001_visits' }]);
    await second.kernel.stop();
    await first.stop();
  });

  it('stops the start with the key path when a plugin section is invalid', async () => {
    const plugins = await loadPluginPackages(['@portico-examples/hello-plugin'], defaultPluginSearchPath(process.cwd()), () => undefined);
    await expect(startTestKernel({ dialect, plugins, config: { hello: { greeting: 42 } } })).rejects.toThrow(
      /hello\.greeting: .*string/,
    );
  });

  it('maps typed errors to status codes and Backstage error bodies', async () => {
    const { url } = await start({ dialect, plugins: [errorsPlugin] });
    const cases: Array<[string, number, string]> = [
      ['input', 400, 'InputError'],
      ['auth', 401, 'AuthenticationError'],
      ['denied', 403, 'NotAllowedError'],
      ['missing', 404, 'NotFoundError'],
      ['conflict', 409, 'ConflictError'],
    ];
    for (const [kind, status, name] of cases) {
      const response = await fetch(`${url}/api/errors/throw/${kind}`);
      expect(response.status).toBe(status);
      const body = (await response.json()) as { error: { name: string; message: string } };
      expect(body).toEqual({
        error: { name, message: expect.any(String) },
        request: { method: 'GET', url: `/api/errors/throw/${kind}` },
        response: { statusCode: status },
      });
    }
  });

  it('hides the message of unexpected errors and answers with the request id', async () => {
    const { url } = await start({ dialect, plugins: [errorsPlugin] });
    const response = await fetch(`${url}/api/errors/throw/crash`, { headers: { 'x-request-id': 'req-123' } });
    expect(response.status).toBe(500);
    expect(response.headers.get('x-request-id')).toBe('req-123');
    const text = await response.text();
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text).error.name).toBe('InternalServerError');
  });

  it('answers bad JSON, schema violations and oversized bodies with clear 4xx errors', async () => {
    const { url } = await start({ dialect, plugins: [errorsPlugin], config: { backend: { bodyLimit: 1024 } } });
    const post = (body: string) =>
      fetch(`${url}/api/errors/things`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

    const badJson = await post('{"name": ');
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { error: { name: string } }).error.name).toBe('InputError');

    const invalid = await post(JSON.stringify({ name: '', count: 1.5 }));
    expect(invalid.status).toBe(400);
    const invalidBody = (await invalid.json()) as { error: { name: string; message: string } };
    expect(invalidBody.error.name).toBe('InputError');
    expect(invalidBody.error.message).toMatch(/body\.name: /);
    expect(invalidBody.error.message).toMatch(/body\.count: /);

    const large = await post(JSON.stringify({ name: 'x'.repeat(5000), count: 1 }));
    expect(large.status).toBe(413);
    expect(((await large.json()) as { error: { name: string } }).error.name).toBe('PayloadTooLargeError');

    const ok = await post(JSON.stringify({ name: 'widget', count: 2 }));
    expect(await ok.json()).toEqual({ created: 'widget' });
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const { url } = await start({ dialect });
    const response = await fetch(`${url}/api/nothing/here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { name: 'NotFoundError' }, response: { statusCode: 404 } });
  });

  it('serves health, readiness and request metrics', async () => {
    const { url, kernel } = await start({ dialect, plugins: [errorsPlugin] });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect(await fetch(`${url}/readyz`).then((response) => response.json())).toEqual({ status: 'ready' });
    await fetch(`${url}/api/errors/throw/missing`);
    const metrics = await fetch(`${url}/metrics`).then((response) => response.text());
    expect(metrics).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/errors\/throw\/:kind",status_code="404"\} 1/,
    );
    expect(metrics).toContain('process_cpu_user_seconds_total');
    await kernel.stop();
    // The database is closed after stop: readiness can no longer be true.
    await expect(kernel.connection.kysely.selectNoFrom((eb) => eb.lit(1).as('one')).execute()).rejects.toThrow();
  });

  it('wires services between plugins and hands extension point contributions to the owner', async () => {
    const greeter = createServiceRef<{ greet(name: string): string }>({ id: 'greeter.service' });
    const suffixes = createExtensionPoint<string>({ id: 'greeter.suffixes', pluginId: 'greeter' });
    const greeterPlugin = defineServerPlugin({
      id: 'greeter',
      provides: [greeter],
      setup(context) {
        const all = context.extensions(suffixes);
        context.provide(greeter, { greet: (name) => `Hello ${name}${all.join('')}` });
      },
    });
    const excited = defineServerPlugin({ id: 'excited', extends: [suffixes], setup: (context) => context.extend(suffixes, '!') });
    const consumer = defineServerPlugin({
      id: 'consumer',
      deps: { greeter },
      setup({ router, deps }) {
        router.get('/hello', async () => ({ text: deps.greeter.greet('Ada') }));
      },
    });
    // Given in the "wrong" order on purpose: the kernel sorts them.
    const { url } = await start({ dialect, plugins: [consumer, greeterPlugin, excited] });
    expect(await fetch(`${url}/api/consumer/hello`).then((response) => response.json())).toEqual({ text: 'Hello Ada!' });
  });
});
