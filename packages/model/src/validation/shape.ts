import { hasOwn, isJsonObject } from '../json.js';
import { describeValue } from './describe.js';
import type { FieldPath } from './problem.js';
import type { ProblemList } from './problem-list.js';

/**
 * A small schema language with the semantics of the JSON Schemas Backstage validates kinds
 * with (types, required members, non-empty strings, enums), written out so messages can say
 * what a field is for.
 */
export type Shape =
  | { type: 'string'; nonEmpty?: boolean; oneOf?: readonly string[] }
  | { type: 'stringOrBoolean' }
  | { type: 'object'; fields?: Readonly<Record<string, Field>>; otherFields?: Shape }
  | { type: 'array'; items?: Shape }
  | { type: 'objectOrArray'; object: Shape & { type: 'object' }; array: Shape & { type: 'array' } }
  | { type: 'any' };

export interface Field {
  shape: Shape;
  required?: boolean;
  /** What the field is for, appended to messages about it: "the team that owns it". */
  hint?: string;
}

export const text = (hint?: string): Field => ({ shape: { type: 'string', nonEmpty: true }, ...(hint ? { hint } : {}) });
export const anyText = (hint?: string): Field => ({ shape: { type: 'string' }, ...(hint ? { hint } : {}) });
export const textList = (hint?: string): Field => ({
  shape: { type: 'array', items: { type: 'string', nonEmpty: true } },
  ...(hint ? { hint } : {}),
});
export const required = (field: Field): Field => ({ ...field, required: true });
export const object = (fields: Record<string, Field>, otherFields?: Shape): Shape & { type: 'object' } => ({
  type: 'object',
  fields,
  ...(otherFields ? { otherFields } : {}),
});
export const field = (shape: Shape, hint?: string): Field => ({ shape, ...(hint ? { hint } : {}) });

function expectation(shape: Shape): string {
  switch (shape.type) {
    case 'string':
      return shape.nonEmpty ? 'a non-empty string' : 'a string';
    case 'stringOrBoolean':
      return 'a string or a boolean';
    case 'object':
      return 'a mapping (key: value pairs)';
    case 'array':
      if (shape.items?.type === 'string') return 'a list of strings';
      return shape.items?.type === 'object' ? 'a list of mappings' : 'a list';
    case 'objectOrArray':
      return 'a mapping or a list of mappings';
    case 'any':
      return 'any value';
  }
}

function withHint(message: string, hint: string | undefined): string {
  return hint ? `${message} (${hint})` : message;
}

/** Checks a value against a shape, adding a problem for every mismatch found. */
export function checkShape(shape: Shape, value: unknown, path: FieldPath, problems: ProblemList, hint?: string): void {
  const wrongType = () =>
    problems.add(path, 'type', `must be ${withHint(expectation(shape), hint)}; found ${describeValue(value)}`);
  switch (shape.type) {
    case 'any':
      return;
    case 'string':
      if (typeof value !== 'string') return wrongType();
      if (shape.nonEmpty && value.length === 0) return problems.add(path, 'notEmpty', withHint('must not be empty', hint));
      if (shape.oneOf && !shape.oneOf.includes(value)) {
        problems.add(path, 'enum', `must be one of ${shape.oneOf.map((v) => `"${v}"`).join(', ')}; found ${describeValue(value)}`);
      }
      return;
    case 'stringOrBoolean':
      if (typeof value !== 'string' && typeof value !== 'boolean') wrongType();
      return;
    case 'array':
      if (!Array.isArray(value)) return wrongType();
      if (shape.items) {
        const items = shape.items;
        value.forEach((item: unknown, index) => checkShape(items, item, [...path, index], problems));
      }
      return;
    case 'objectOrArray':
      if (Array.isArray(value)) return checkShape(shape.array, value, path, problems, hint);
      if (isJsonObject(value)) return checkShape(shape.object, value, path, problems, hint);
      return wrongType();
    case 'object': {
      if (!isJsonObject(value)) return wrongType();
      const fields = shape.fields ?? {};
      for (const [name, member] of Object.entries(fields)) {
        if (!hasOwn(value, name)) {
          if (member.required) problems.add([...path, name], 'required', withHint('is required', member.hint));
          continue;
        }
        checkShape(member.shape, value[name], [...path, name], problems, member.hint);
      }
      if (shape.otherFields) {
        for (const [name, member] of Object.entries(value)) {
          if (!hasOwn(fields, name)) checkShape(shape.otherFields, member, [...path, name], problems);
        }
      }
      return;
    }
  }
}
