import { isJsonObject } from '../json.js';
import { placeholderOf } from '../placeholders.js';

const MAX_SHOWN = 60;

function quote(text: string): string {
  const shown = text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text;
  return JSON.stringify(shown);
}

/** Says what a value is, for "must be X; found Y" messages. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'nothing (an empty value)';
  if (typeof value === 'string') return value === '' ? 'an empty string' : `the text ${quote(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (isJsonObject(value)) {
    const placeholder = placeholderOf(value);
    if (placeholder) {
      return `an unresolved ${placeholder.kind} placeholder (${placeholder.kind}: ${quote(String(placeholder.target))}); placeholders must be substituted before validation`;
    }
    return 'a mapping (key: value pairs)';
  }
  return `a value of type ${typeof value}`;
}

/** `"x"` for messages, shortened when long. */
export function quoteValue(value: unknown): string {
  return typeof value === 'string' ? quote(value) : describeValue(value);
}
