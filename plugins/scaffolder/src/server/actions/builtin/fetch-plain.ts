import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { copyTreeIntoWorkspace } from '../copy-tree.js';
import { resolveTemplateSource } from '../template-source.js';
import { createTemplateAction } from '../types.js';
import { writeFileNoFollow } from '../../paths/workspace-paths.js';

/** `fetch:plain`: copies a folder next to the template into the workspace, unchanged. */
export function createFetchPlainAction() {
  return createTemplateAction({
    id: 'fetch:plain',
    description: 'Copies a folder from the template\'s location into the workspace, without templating.',
    supportsDryRun: true,
    examples: [
      { description: 'Copy the docs folder', example: 'action: fetch:plain\ninput:\n  url: ./docs\n  targetPath: docs' },
    ],
    schema: {
      input: z.object({
        url: z.string().min(1).describe('Folder to copy, relative to the template'),
        targetPath: z.string().default('./').describe('Where in the workspace to put it'),
        token: z.string().optional().describe('Accepted for Backstage compatibility; local folders need none'),
      }),
    },
    async handler(ctx) {
      const source = await resolveTemplateSource(ctx.templateInfo, ctx.input.url, 'directory');
      const files = await copyTreeIntoWorkspace({
        sourceDirectory: source,
        shownAs: ctx.input.url,
        workspacePath: ctx.workspacePath,
        targetPath: ctx.input.targetPath,
        signal: ctx.signal,
      });
      ctx.logger.info(`Copied ${files} file(s) from ${ctx.input.url} to ${ctx.input.targetPath}`);
    },
  });
}

/** `fetch:plain:file`: copies one file next to the template into the workspace. */
export function createFetchPlainFileAction() {
  return createTemplateAction({
    id: 'fetch:plain:file',
    description: 'Copies one file from the template\'s location into the workspace, without templating.',
    supportsDryRun: true,
    schema: {
      input: z.object({
        url: z.string().min(1).describe('File to copy, relative to the template'),
        targetPath: z.string().min(1).describe('File path in the workspace'),
        token: z.string().optional(),
      }),
    },
    async handler(ctx) {
      const source = await resolveTemplateSource(ctx.templateInfo, ctx.input.url, 'file');
      const destination = await ctx.resolvePath(ctx.input.targetPath);
      await writeFileNoFollow(destination, await readFile(source), (await stat(source)).mode & 0o777);
      ctx.logger.info(`Copied ${ctx.input.url} to ${ctx.input.targetPath}`);
    },
  });
}
