import type { AppRuntime } from '@portico/model';
import { describe, expect, it } from 'vitest';
import { readAppRuntime } from './app-runtime.js';

const runtime: AppRuntime = {
  app: { title: 'Acme Portal', baseUrl: 'https://portal.acme.test', primaryColor: '#0e7490' },
  plugins: [{ id: 'hello', moduleUrl: '/plugins/hello/index.js' }],
};

const neverFetch = async (): Promise<unknown> => {
  throw new Error('must not fetch when the page carries the runtime');
};

describe('readAppRuntime', () => {
  it('uses the runtime the server inlined into the page', async () => {
    expect(await readAppRuntime(neverFetch, runtime)).toEqual({ runtime });
  });

  it('fetches the runtime when the page carries none (the Vite dev server)', async () => {
    expect(await readAppRuntime(async () => runtime, undefined)).toEqual({ runtime });
  });

  it('starts with defaults and says why when the runtime cannot be fetched', async () => {
    const reading = await readAppRuntime(async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:7007');
    }, undefined);
    expect(reading.runtime.app.title).toBe('Portico');
    expect(reading.runtime.plugins).toEqual([]);
    expect(reading.problem).toBe('Could not load /api/app/runtime: connect ECONNREFUSED 127.0.0.1:7007');
  });

  it('refuses a malformed runtime instead of failing later', async () => {
    const malformed = { app: { title: 'Acme' }, plugins: [{ id: 'hello' }] };
    expect((await readAppRuntime(neverFetch, malformed)).problem).toBe('The runtime configuration in the page is malformed.');
    expect((await readAppRuntime(async () => malformed, undefined)).problem).toBe(
      '/api/app/runtime returned a malformed runtime configuration.',
    );
  });
});
