import { InputError } from '@portico/model';
import type { EntityCondition, EntityFilter } from './entity-filter.js';

const MAX_DEPTH = 16;
const MAX_NODES = 500;

/**
 * Parses Backstage's filter predicate (the `query` of POST /entities/by-query, /entity-facets
 * and /entities/by-refs):
 *
 * - `{ $all: [p, ...] }`, `{ $any: [p, ...] }`, `{ $not: p }`;
 * - `{ "spec.type": "service" }`: a primitive matches case-insensitively (numbers and booleans as
 *   their text); several keys in one object must all hold;
 * - `{ key: { $exists: true | false } }`, `{ key: { $in: [a, b] } }`, `{ key: { $hasPrefix: "x" } }`.
 *
 * Errors name the path of the bad part (`query.$all[1].spec.type`).
 */
export function parsePredicate(predicate: unknown, path = 'query'): EntityFilter {
  const state = { nodes: 0 };
  return parseNode(predicate, path, 0, state);
}

function parseNode(node: unknown, path: string, depth: number, state: { nodes: number }): EntityFilter {
  state.nodes += 1;
  if (depth > MAX_DEPTH) throw new InputError(`Invalid ${path}: predicates may nest at most ${MAX_DEPTH} levels`);
  if (state.nodes > MAX_NODES) throw new InputError(`Invalid ${path}: a predicate may have at most ${MAX_NODES} parts`);
  if (!isRecord(node)) {
    throw new InputError(
      `Invalid ${path}: expected an object such as { "kind": "component" } or { "$all": [...] }, got ${describe(node)}`,
    );
  }
  const entries = Object.entries(node);
  if (entries.length === 0) throw new InputError(`Invalid ${path}: an empty object matches nothing in particular`);
  const operators = entries.filter(([key]) => key.startsWith('$'));
  if (operators.length > 0) {
    if (entries.length !== 1) {
      throw new InputError(`Invalid ${path}: ${operators[0]![0]} must be the only key of its object`);
    }
    const [operator, operand] = operators[0]!;
    const where = `${path}.${operator}`;
    if (operator === '$not') return { not: parseNode(operand, where, depth + 1, state) };
    if (operator === '$all' || operator === '$any') {
      if (!Array.isArray(operand)) throw new InputError(`Invalid ${where}: expected a list of predicates`);
      const children = operand.map((child, index) => parseNode(child, `${where}[${index}]`, depth + 1, state));
      return operator === '$all' ? { allOf: children } : { anyOf: children };
    }
    throw new InputError(`Invalid ${where}: unknown operator (use $all, $any or $not, or a field path)`);
  }
  const conditions = entries.map(([key, value]) => parseField(key, value, `${path}.${key}`));
  return conditions.length === 1 ? conditions[0]! : { allOf: conditions };
}

function parseField(rawKey: string, value: unknown, path: string): EntityFilter {
  const key = rawKey.toLowerCase();
  if (isPrimitive(value)) return { key, values: [String(value)] };
  if (isRecord(value)) {
    const entries = Object.entries(value);
    if (entries.length !== 1) {
      throw new InputError(`Invalid ${path}: expected exactly one of $exists, $in or $hasPrefix`);
    }
    const [operator, operand] = entries[0]!;
    if (operator === '$exists') {
      if (typeof operand !== 'boolean') throw new InputError(`Invalid ${path}.$exists: expected true or false`);
      const exists: EntityCondition = { key };
      return operand ? exists : { not: exists };
    }
    if (operator === '$in') {
      if (!Array.isArray(operand) || !operand.every(isPrimitive)) {
        throw new InputError(`Invalid ${path}.$in: expected a list of strings, numbers or booleans`);
      }
      return { key, values: operand.map((item) => String(item)) };
    }
    if (operator === '$hasPrefix') {
      if (typeof operand !== 'string') throw new InputError(`Invalid ${path}.$hasPrefix: expected a string`);
      return { key, prefix: operand };
    }
    throw new InputError(`Invalid ${path}: unknown operator ${operator} (use $exists, $in or $hasPrefix)`);
  }
  throw new InputError(
    `Invalid ${path}: expected a string, number, boolean, or one of $exists, $in, $hasPrefix; got ${describe(value)}`,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPrimitive(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? `the string ${JSON.stringify(value)}` : `${typeof value} ${JSON.stringify(value)}`;
}
