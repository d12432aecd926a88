export * from './errors.js';
export * from './app-runtime.js';

export * from './json.js';
export * from './entity.js';
export * from './names.js';
export * from './refs.js';
export * from './relation-types.js';
export * from './relations.js';
export * from './placeholders.js';

export * from './kinds/definition.js';
export * from './kinds/builtin.js';
export * from './kinds/api.js';
export * from './kinds/component.js';
export * from './kinds/domain.js';
export * from './kinds/group.js';
export * from './kinds/location.js';
export type { EntityProfile } from './kinds/profile.js';
export * from './kinds/resource.js';
export * from './kinds/system.js';
export * from './kinds/template.js';
export * from './kinds/user.js';

export * from './validation/problem.js';
export { validateEntity, assertValidEntity } from './validation/validate-entity.js';
export type { EntityValidationResult, ValidateEntityOptions } from './validation/validate-entity.js';
export type { KindOptions } from './validation/kind-check.js';
export { describeValue } from './validation/describe.js';
export type { Shape, Field } from './validation/shape.js';
export { checkShape } from './validation/shape.js';
export { ProblemList } from './validation/problem-list.js';
import { anyText, field, object, required, text, textList } from './validation/shape.js';

/** Builders for the spec shapes of kind definitions (for plugins that add kinds). */
export const shapes = { text, anyText, textList, required, object, field };
