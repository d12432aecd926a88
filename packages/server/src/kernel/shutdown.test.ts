import { EventEmitter } from 'node:events';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { defineServerPlugin } from '../plugin-api/index.js';
import { startTestKernel, testDatabaseIds } from '../testing/index.js';
import { stopOnSignals } from './shutdown.js';

describe.each(testDatabaseIds())('graceful shutdown on %s', (dialect) => {
  it('lets a running request and a running job finish, then refuses connections and closes the database', async () => {
    let jobFinished = false;
    let jobStarted: () => void = () => undefined;
    const jobRunning = new Promise<void>((resolve) => (jobStarted = resolve));
    const slow = defineServerPlugin({
      id: 'slow',
      setup({ router, scheduler }) {
        router.get('/wait', async () => {
          await new Promise((resolve) => setTimeout(resolve, 400));
          return { done: true };
        });
        scheduler.schedule({
          id: 'long-job',
          frequency: { minutes: 10 },
          scope: 'local',
          fn: async () => {
            jobStarted();
            await new Promise((resolve) => setTimeout(resolve, 600));
            jobFinished = true;
          },
        });
      },
    });
    const test = await startTestKernel({ dialect, plugins: [slow] });
    try {
      await jobRunning;
      const inFlight = fetch(`${test.url}/api/slow/wait`).then((response) => response.json());
      await new Promise((resolve) => setTimeout(resolve, 50));
      await test.kernel.stop();
      expect(await inFlight).toEqual({ done: true });
      expect(jobFinished).toBe(true);
      await expect(fetch(`${test.url}/healthz`)).rejects.toThrow();
      await expect(test.kernel.connection.kysely.selectNoFrom((eb) => eb.lit(1).as('one')).execute()).rejects.toThrow();
    } finally {
      await test.stop();
    }
  });
});

describe('stopOnSignals', () => {
  it('stops once on the first signal and exits at once on the second', async () => {
    const signals = new EventEmitter();
    let release: () => void = () => undefined;
    const stop = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const exit = vi.fn();
    stopOnSignals({ stop }, pino({ level: 'silent' }), exit, signals);

    signals.emit('SIGTERM');
    expect(stop).toHaveBeenCalledTimes(1);
    expect(exit).not.toHaveBeenCalled();
    signals.emit('SIGINT');
    expect(exit).toHaveBeenCalledWith(1);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(exit).toHaveBeenLastCalledWith(0);
    expect(stop).toHaveBeenCalledTimes(1);
  });
});
