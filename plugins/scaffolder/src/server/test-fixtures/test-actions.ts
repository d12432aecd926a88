import { defineServerPlugin } from '@portico/server';
import { z } from 'zod';
import { createTemplateAction } from '../actions/types.js';
import { scaffolderActionsExtensionPoint } from '../extension-points.js';

/** What the test actions saw, shared by every kernel of a test. */
export class TestProbe {
  /** Every run of `test:record`: which task, which label, on which replica. */
  readonly runs: { task: string; label: string; replica: string }[] = [];
  /** Keys whose `test:fail-once` has failed already. */
  readonly failed = new Set<string>();
  /** Keys of `test:wait` runs that started, and the way to end them. */
  readonly waiting = new Map<string, () => void>();

  async waitUntilWaiting(key: string, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.waiting.has(key)) {
      if (Date.now() > deadline) throw new Error(`test:wait "${key}" never started`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  release(key: string): void {
    this.waiting.get(key)?.();
  }
}

/**
 * A plugin that adds test actions through the scaffolder's extension point, as a third-party
 * plugin would: `test:record`, `test:fail-once`, `test:wait`.
 */
export function testActionsPlugin(probe: TestProbe, replica: string) {
  return defineServerPlugin({
    id: 'scaffolder-test-actions',
    extends: [scaffolderActionsExtensionPoint],
    setup(context) {
      context.extend(
        scaffolderActionsExtensionPoint,
        createTemplateAction({
          id: 'test:record',
          description: 'Records that it ran',
          supportsDryRun: true,
          schema: { input: z.object({ task: z.string(), label: z.string(), delayMs: z.number().default(0) }), output: z.object({ runs: z.number() }) },
          async handler(ctx) {
            probe.runs.push({ task: ctx.input.task, label: ctx.input.label, replica });
            if (ctx.input.delayMs) await new Promise((resolve) => setTimeout(resolve, ctx.input.delayMs));
            ctx.logger.info(`recorded ${ctx.input.label}`);
            ctx.output('runs', probe.runs.filter((run) => run.task === ctx.input.task && run.label === ctx.input.label).length);
          },
        }),
      );
      context.extend(
        scaffolderActionsExtensionPoint,
        createTemplateAction({
          id: 'test:fail-once',
          description: 'Fails the first time it runs for a key',
          schema: { input: z.object({ key: z.string() }) },
          async handler(ctx) {
            if (probe.failed.has(ctx.input.key)) {
              ctx.logger.info(`second attempt for ${ctx.input.key} succeeds`);
              return;
            }
            probe.failed.add(ctx.input.key);
            throw new Error(`the service for ${ctx.input.key} is down`);
          },
        }),
      );
      context.extend(
        scaffolderActionsExtensionPoint,
        createTemplateAction({
          id: 'test:wait',
          description: 'Waits until released or cancelled',
          schema: { input: z.object({ key: z.string() }) },
          async handler(ctx) {
            await new Promise<void>((resolve, reject) => {
              const onAbort = () => reject(new Error('aborted'));
              ctx.signal.addEventListener('abort', onAbort, { once: true });
              probe.waiting.set(ctx.input.key, () => {
                ctx.signal.removeEventListener('abort', onAbort);
                resolve();
              });
              ctx.logger.info(`waiting for ${ctx.input.key}`);
            });
          },
        }),
      );
    },
  });
}
