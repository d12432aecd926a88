import type { CatalogAccess } from '../../catalog/catalog-access.js';
import type { TemplaterOptions } from '../../expressions/secure-templater.js';
import type { GitIntegration } from '../../git/integrations.js';
import type { GithubIntegration, GitlabIntegration } from '../../integrations/scm-integrations.js';
import type { AnyTemplateAction } from '../types.js';
import { createCatalogFetchAction } from './catalog-fetch.js';
import { createCatalogRegisterAction } from './catalog-register.js';
import { createCatalogWriteAction } from './catalog-write.js';
import { createDebugLogAction, createDebugWaitAction } from './debug.js';
import { createFetchPlainAction, createFetchPlainFileAction } from './fetch-plain.js';
import { createFetchTemplateAction } from './fetch-template.js';
import { createFsDeleteAction } from './fs-delete.js';
import { createFsReaddirAction } from './fs-readdir.js';
import { createFsRenameAction } from './fs-rename.js';
import { createPublishGitAction } from './publish-git.js';
import { createPublishGithubAction } from './publish-github.js';
import { createPublishGithubPullRequestAction } from './publish-github-pull-request.js';
import { createPublishGitlabAction } from './publish-gitlab.js';

export interface BuiltinActionsOptions {
  /** Git hosts `publish:git` may push to, with their credentials. */
  integrations?: readonly GitIntegration[];
  /** GitHub hosts for `publish:github` and `publish:github:pull-request`. */
  github?: readonly GithubIntegration[];
  /** GitLab hosts for `publish:gitlab`. */
  gitlab?: readonly GitlabIntegration[];
  /** The catalog, for `catalog:register` and `catalog:fetch` (left out: those actions are not installed). */
  catalog?: CatalogAccess;
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
    createPublishGithubAction({ integrations: options.github ?? [] }),
    createPublishGithubPullRequestAction({ integrations: options.github ?? [] }),
    createPublishGitlabAction({ integrations: options.gitlab ?? [] }),
    createCatalogWriteAction(),
    ...(options.catalog
      ? [createCatalogRegisterAction({ catalog: options.catalog, integrations: options.integrations ?? [] }), createCatalogFetchAction({ catalog: options.catalog })]
      : []),
  ];
}

export {
  createCatalogFetchAction,
  createCatalogRegisterAction,
  createCatalogWriteAction,
  createPublishGithubAction,
  createPublishGithubPullRequestAction,
  createPublishGitlabAction,
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
