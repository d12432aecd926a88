import { readFile, realpath } from 'node:fs/promises';
import { InputError } from '@portico/model';
import { z } from 'zod';
import { walkWithoutFollowing } from '../../paths/walk-workspace.js';
import { createTemplateAction } from '../types.js';

const MAX_WAIT_MS = 10 * 60 * 1000;
const MAX_LOGGED_FILE_BYTES = 64 * 1024;

/** `debug:log`: writes a message, and optionally the workspace listing, to the task log. */
export function createDebugLogAction() {
  return createTemplateAction({
    id: 'debug:log',
    description: 'Writes a message to the task log, optionally with the files in the workspace (symlinks are shown, never read).',
    supportsDryRun: true,
    examples: [{ description: 'Log a value', example: 'action: debug:log\ninput:\n  message: "Hello ${{ parameters.name }}"' }],
    schema: {
      input: z.object({
        message: z.string().optional(),
        listWorkspace: z.union([z.boolean(), z.enum(['with-filenames', 'with-contents'])]).default(false),
      }),
    },
    async handler(ctx) {
      if (ctx.input.message !== undefined) ctx.logger.info(ctx.input.message);
      if (ctx.input.listWorkspace === false) return;
      const root = await realpath(ctx.workspacePath);
      const entries = await walkWithoutFollowing(root);
      const lines: string[] = [];
      for (const entry of entries) {
        if (entry.type === 'symlink') {
          lines.push(`${entry.path} (symlink, not read)`);
        } else if (entry.type === 'file' && ctx.input.listWorkspace === 'with-contents') {
          const content = await readFile(entry.absolutePath);
          const shown = content.subarray(0, MAX_LOGGED_FILE_BYTES).toString('utf8');
          lines.push(`${entry.path}:\n${shown}${content.length > MAX_LOGGED_FILE_BYTES ? '\n…' : ''}`);
        } else if (entry.type !== 'directory') {
          lines.push(entry.path);
        }
      }
      ctx.logger.info(`Workspace:\n${lines.join('\n')}`);
    },
  });
}

/** `debug:wait`: waits, stopping early when the task is cancelled. */
export function createDebugWaitAction() {
  return createTemplateAction({
    id: 'debug:wait',
    description: 'Waits for the given time (at most 10 minutes). Cancelling the task ends the wait.',
    supportsDryRun: true,
    schema: {
      input: z.object({
        minutes: z.number().nonnegative().optional(),
        seconds: z.number().nonnegative().optional(),
        milliseconds: z.number().nonnegative().optional(),
      }),
    },
    async handler(ctx) {
      const { minutes = 0, seconds = 0, milliseconds = 0 } = ctx.input;
      const total = minutes * 60_000 + seconds * 1000 + milliseconds;
      if (total > MAX_WAIT_MS) throw new InputError(`debug:wait can wait at most 10 minutes, not ${Math.round(total / 1000)} seconds`);
      ctx.logger.info(`Waiting ${total} ms`);
      await new Promise<void>((resolve, reject) => {
        const onAbort = () => {
          clearTimeout(timer);
          reject(ctx.signal.reason instanceof Error ? ctx.signal.reason : new Error('The task was cancelled'));
        };
        const timer = setTimeout(() => {
          ctx.signal.removeEventListener('abort', onAbort);
          resolve();
        }, total);
        if (ctx.signal.aborted) onAbort();
        else ctx.signal.addEventListener('abort', onAbort, { once: true });
      });
    },
  });
}
