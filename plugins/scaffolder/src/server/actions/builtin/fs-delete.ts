import { realpath, rm } from 'node:fs/promises';
import { InputError } from '@portico/model';
import { minimatch } from 'minimatch';
import { z } from 'zod';
import { walkWithoutFollowing } from '../../paths/walk-workspace.js';
import { resolveInsideRoot, resolveSafeChildPath } from '../../paths/workspace-paths.js';
import { createTemplateAction } from '../types.js';

const GLOB_CHARACTERS = /[*?[\]{}!]/;

/** `fs:delete`: deletes files and folders (paths or globs) inside the workspace. */
export function createFsDeleteAction() {
  return createTemplateAction({
    id: 'fs:delete',
    description: 'Deletes files or folders from the workspace. Entries may be globs; symlinks are deleted, never followed.',
    supportsDryRun: true,
    examples: [{ description: 'Remove the example files', example: 'action: fs:delete\ninput:\n  files:\n    - docs/example.md\n    - "**/*.tmp"' }],
    schema: {
      input: z.object({ files: z.array(z.string().min(1)).min(1).describe('Paths or globs relative to the workspace') }),
    },
    async handler(ctx) {
      const root = await realpath(ctx.workspacePath);
      let listing: string[] | undefined;
      for (const entry of ctx.input.files) {
        let targets: string[];
        if (GLOB_CHARACTERS.test(entry)) {
          resolveSafeChildPath(root, entry.replace(/[*?[\]{}!]/g, 'x'));
          listing ??= (await walkWithoutFollowing(root)).map((item) => item.path);
          targets = listing.filter((item) => minimatch(item, entry.replace(/^\.\//, ''), { dot: true }));
        } else {
          targets = [entry];
        }
        for (const target of targets) {
          const absolute = await resolveInsideRoot(root, target, 'keep');
          if (absolute === root) throw new InputError(`fs:delete refuses to delete the whole workspace ("${target}")`);
          // Also in a dry run: its workspace is thrown away, and its files must be what a real run leaves.
          await rm(absolute, { recursive: true, force: true });
          ctx.logger.info(`Deleted ${target}`);
        }
      }
    },
  });
}
