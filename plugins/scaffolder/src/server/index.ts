import { scaffolderPlugin } from './plugin.js';

export default scaffolderPlugin;
export { scaffolderPlugin };
export { scaffolderConfigSchema, type ScaffolderConfig } from './config.js';
export { createHttpCatalogAccess, withCatalogReads, type CatalogAccess, type CatalogLocation } from './catalog/catalog-access.js';
export { entityBaseUrl, findTemplate } from './catalog/find-template.js';
export { readScmIntegrations, type GithubIntegration, type GitlabIntegration, type ScmIntegrations } from './integrations/scm-integrations.js';
export { catalogLocationFor } from './actions/builtin/catalog-register.js';
export { SOURCE_TEMPLATE_ANNOTATION } from './actions/builtin/catalog-write.js';
export { taskCancelTopic, taskEventsTopic, taskOpenedTopic, type TaskSignal } from './tasks/topics.js';
export type { ScaffolderTables } from './database/tables.js';

export * from './expressions/index.js';

export { ActionRegistry } from './actions/registry.js';
export { createTemplateAction, describeAction } from './actions/types.js';
export type { ActionContext, ActionDescription, ActionExample, AnyTemplateAction, TaskUser, TemplateAction, TemplateInfo } from './actions/types.js';
export * from './actions/builtin/index.js';
export { directoryToBaseUrl } from './actions/template-source.js';

export { gitRemoteFor, integrationSecrets } from './git/integrations.js';
export type { GitIntegration, GitRemote } from './git/integrations.js';

export { SecretRedactor, REDACTED } from './logging/redactor.js';
export { createMemoryLogSink, createTaskLogger } from './logging/task-logger.js';
export type { ActionLogger, LogLevel, TaskLogEntry, TaskLogSink } from './logging/task-logger.js';

export { resolveInsideRoot, resolveSafeChildPath } from './paths/workspace-paths.js';
export { readDirectoryContents, writeDirectoryContents } from './paths/directory-contents.js';
export type { DirectoryContentLimits } from './paths/directory-contents.js';
export type { FinalSymlink } from './paths/workspace-paths.js';

export { runTemplateSteps } from './runner/run-template-steps.js';
export type { RunTemplateStepsOptions, RunTemplateStepsResult, StepStatusEvent } from './runner/run-template-steps.js';
export { TaskCancelledError, TemplateStepError } from './runner/errors.js';
export { parameterSteps, validateTemplateParameters } from './runner/validate-parameters.js';
export type { ParameterValidationResult } from './runner/validate-parameters.js';

export { scaffolderActionsExtensionPoint, scaffolderTemplatingExtensionPoint } from './extension-points.js';
