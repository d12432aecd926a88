import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '@portico/model';
import { z } from 'zod';
import { walkWithoutFollowing } from '../../paths/walk-workspace.js';
import { relativeToRoot } from '../../paths/workspace-paths.js';
import { createTemplateAction } from '../types.js';

const entry = z.object({ name: z.string(), path: z.string(), fullPath: z.string() });

/** `fs:readdir`: lists folders of the workspace into the step output. */
export function createFsReaddirAction() {
  return createTemplateAction({
    id: 'fs:readdir',
    description: 'Lists the files and folders under paths of the workspace (symlinks are listed as files, never entered).',
    supportsDryRun: true,
    schema: {
      input: z.object({ paths: z.array(z.string()).min(1), recursive: z.boolean().default(false) }),
      output: z.object({ files: z.array(entry), folders: z.array(entry) }),
    },
    async handler(ctx) {
      const root = await realpath(ctx.workspacePath);
      const files: z.infer<typeof entry>[] = [];
      const folders: z.infer<typeof entry>[] = [];
      for (const requested of ctx.input.paths) {
        const directory = await ctx.resolvePath(requested);
        const stats = await stat(directory).catch(() => undefined);
        if (!stats?.isDirectory()) throw new InputError(`fs:readdir: "${requested}" is not a folder in the workspace`);
        for (const item of await walkWithoutFollowing(directory, ctx.input.recursive)) {
          const described = { name: path.basename(item.path), path: relativeToRoot(root, item.absolutePath), fullPath: item.absolutePath };
          (item.type === 'directory' ? folders : files).push(described);
        }
      }
      ctx.output('files', files);
      ctx.output('folders', folders);
    },
  });
}
