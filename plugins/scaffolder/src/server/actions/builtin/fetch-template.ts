import { InputError, type JsonObject } from '@portico/model';
import { z } from 'zod';
import { SecureTemplater, type TemplaterOptions } from '../../expressions/secure-templater.js';
import { resolveTemplateSource } from '../template-source.js';
import { createTemplateAction } from '../types.js';
import { renderSkeleton } from './render-skeleton.js';

const jsonObject = z.record(z.string(), z.json());

/**
 * `fetch:template`: renders a skeleton folder next to the template into the workspace, with
 * `values` as `${{ values.x }}` (or `{{ cookiecutter.x }}` in cookiecutter mode). Each run uses
 * its own isolate with the scaffolder's template extensions.
 */
export function createFetchTemplateAction(options: { templater?: TemplaterOptions } = {}) {
  return createTemplateAction({
    id: 'fetch:template',
    description: 'Renders a skeleton folder from the template\'s location into the workspace: file names and contents go through ${{ }} templating.',
    supportsDryRun: true,
    examples: [
      {
        description: 'Render the skeleton with the form values',
        example: 'action: fetch:template\ninput:\n  url: ./skeleton\n  values:\n    name: ${{ parameters.name }}',
      },
    ],
    schema: {
      input: z.object({
        url: z.string().min(1).describe('Skeleton folder, relative to the template'),
        targetPath: z.string().default('./').describe('Where in the workspace to render it'),
        values: jsonObject.default({}).describe('Values the skeleton sees as values.*'),
        copyWithoutRender: z.array(z.string()).optional().describe('Deprecated name of copyWithoutTemplating'),
        copyWithoutTemplating: z.array(z.string()).optional().describe('Globs whose file contents are copied as is'),
        cookiecutterCompat: z.boolean().default(false).describe('Use {{ cookiecutter.x }} syntax'),
        templateFileExtension: z.union([z.boolean(), z.string()]).optional().describe('Only render files with this extension (true means .njk), and drop it'),
        replace: z.boolean().default(false).describe('Overwrite files that already exist'),
        trimBlocks: z.boolean().default(false),
        lstripBlocks: z.boolean().default(false),
        token: z.string().optional(),
      }),
    },
    async handler(ctx) {
      const input = ctx.input;
      const copyWithoutTemplating = input.copyWithoutTemplating ?? input.copyWithoutRender ?? [];
      if (input.copyWithoutTemplating && input.copyWithoutRender) {
        throw new InputError('Use either copyWithoutTemplating or copyWithoutRender (its old name), not both');
      }
      let extension: string | undefined;
      if (input.templateFileExtension !== undefined && input.templateFileExtension !== false) {
        if (copyWithoutTemplating.length > 0) {
          throw new InputError('copyWithoutTemplating and templateFileExtension cannot be used together');
        }
        extension = input.templateFileExtension === true ? '.njk' : input.templateFileExtension;
        if (!/^\.[A-Za-z0-9._-]+$/.test(extension)) {
          throw new InputError(`templateFileExtension "${extension}" must start with "." and contain no slashes`);
        }
      }
      const source = await resolveTemplateSource(ctx.templateInfo, input.url, 'directory');
      const templater = new SecureTemplater(options.templater);
      try {
        const result = await renderSkeleton({
          sourceDirectory: source,
          shownAs: input.url,
          workspacePath: ctx.workspacePath,
          targetPath: input.targetPath,
          values: input.values as JsonObject,
          templater,
          logger: ctx.logger,
          copyWithoutTemplating,
          ...(extension ? { templateFileExtension: extension } : {}),
          cookiecutterCompat: input.cookiecutterCompat,
          replace: input.replace,
          trimBlocks: input.trimBlocks,
          lstripBlocks: input.lstripBlocks,
          signal: ctx.signal,
        });
        ctx.logger.info(
          `Rendered ${result.rendered.length} file(s), copied ${result.copied.length} and skipped ${result.skipped.length} from ${input.url} into ${input.targetPath}`,
        );
      } finally {
        templater.dispose();
      }
    },
  });
}
