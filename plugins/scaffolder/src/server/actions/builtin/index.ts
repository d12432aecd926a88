import type { TemplaterOptions } from '../../expressions/secure-templater.js';
import type { GitIntegration } from '../../git/integrations.js';
import type { AnyTemplateAction } from '../types.js';
import { createDebugLogAction, createDebugWaitAction } from './debug.js';
import { createFetchPlainAction, createFetchPlainFileAction } from './fetch-plain.js';
import { createFetchTemplateAction } from './fetch-template.js';
import { createFsDeleteAction } from './fs-delete.js';
import { createFsReaddirAction } from './fs-readdir.js';
import { createFsRenameAction } from './fs-rename.js';
import { createPublishGitAction } from './publish-git.js';

export interface BuiltinActionsOptions {
  /** Git hosts `publish:git` may push to, with their credentials. */
  integrations?: readonly GitIntegration[];
  /** Extensions and limits for `fetch:template` (same as the step runner's). */
  templater?: TemplaterOptions;
}

/** The actions every Portico scaffolder has. */
export function createBuiltinActions(options: BuiltinActionsOptions = {}): AnyTemplateAction[] {
  return [
    createFetchPlainAction(),
    createFetchPlainFileAction(),
    createFetchTemplateAction({ ...(options.templater ? { templater: options.templater } : {}) }),
    createFsDeleteAction(),
    createFsRenameAction(),
    createFsReaddirAction(),
    createDebugLogAction(),
    createDebugWaitAction(),
    createPublishGitAction({ integrations: options.integrations ?? [] }),
  ];
}

export {
  createDebugLogAction,
  createDebugWaitAction,
  createFetchPlainAction,
  createFetchPlainFileAction,
  createFetchTemplateAction,
  createFsDeleteAction,
  createFsReaddirAction,
  createFsRenameAction,
  createPublishGitAction,
};
