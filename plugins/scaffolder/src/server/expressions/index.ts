export { SecureTemplater } from './secure-templater.js';
export type { RenderOptions, RepoHostType, TemplaterOptions } from './secure-templater.js';
export { mergeTemplateExtensions } from './extensions.js';
export type { HostTemplateFunction, TemplateExtensions, TemplateFunction, TemplateGlobal } from './extensions.js';
