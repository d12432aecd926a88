import { lstat, rename, rm } from 'node:fs/promises';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '@portico/model';
import { z } from 'zod';
import { createTemplateAction } from '../types.js';

async function exists(absolutePath: string): Promise<boolean> {
  try {
    await lstat(absolutePath);
    return true;
  } catch {
    return false;
  }
}

/** `fs:rename`: moves files or folders inside the workspace. */
export function createFsRenameAction() {
  return createTemplateAction({
    id: 'fs:rename',
    description: 'Renames (moves) files or folders inside the workspace.',
    supportsDryRun: true,
    examples: [{ description: 'Rename a file', example: 'action: fs:rename\ninput:\n  files:\n    - from: a.txt\n      to: b.txt' }],
    schema: {
      input: z.object({
        files: z
          .array(z.object({ from: z.string().min(1), to: z.string().min(1), overwrite: z.boolean().default(false) }))
          .min(1),
      }),
    },
    async handler(ctx) {
      for (const file of ctx.input.files) {
        const from = await ctx.resolvePath(file.from, 'keep');
        const to = await ctx.resolvePath(file.to, 'keep');
        if (from === path.resolve(ctx.workspacePath) || to === path.resolve(ctx.workspacePath)) {
          throw new InputError('fs:rename cannot move the workspace itself');
        }
        if (!(await exists(from))) throw new InputError(`fs:rename: "${file.from}" does not exist`);
        if (await exists(to)) {
          if (!file.overwrite) throw new InputError(`fs:rename: "${file.to}" already exists; set overwrite: true to replace it`);
          await rm(to, { recursive: true, force: true });
        }
        await mkdir(path.dirname(to), { recursive: true });
        await rename(from, to);
        ctx.logger.info(`Renamed ${file.from} to ${file.to}`);
      }
    },
  });
}
