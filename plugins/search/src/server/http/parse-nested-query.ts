import { InputError } from '@portico/model';

/** A query parameter value after bracket parsing: `a=1`, `a[]=1`, `a[k]=1`, `a[k][0]=1`. */
export type NestedValue = string | NestedValue[] | { [key: string]: NestedValue };

const MAX_PARAMETERS = 200;
const MAX_DEPTH = 3;
const MAX_INDEX = 99;
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

interface Slot {
  values: string[];
  indexed: Map<number, Slot>;
  children: Map<string, Slot>;
  isList: boolean;
}

const newSlot = (): Slot => ({ values: [], indexed: new Map(), children: new Map(), isList: false });

/**
 * Parses a query string with qs-style brackets, as Backstage's clients send them:
 * `types[0]=a&types[1]=b`, `types[]=a`, repeated `types=a&types=b`, `filters[kind]=x`,
 * `filters[tags][0]=y`. Fastify's own parser keeps such keys literally, so routes that take
 * them parse the raw query with this. Keys like `__proto__` are ignored; overly deep or
 * contradictory parameters (`a=1&a[k]=2`) are an InputError naming the parameter.
 */
export function parseNestedQuery(queryString: string): Record<string, NestedValue> {
  const params = new URLSearchParams(queryString);
  const root = new Map<string, Slot>();
  let count = 0;
  for (const [key, value] of params) {
    if (++count > MAX_PARAMETERS) throw new InputError(`query: at most ${MAX_PARAMETERS} parameters`);
    const path = splitKey(key);
    if (!path || path.some((segment) => UNSAFE_KEYS.has(segment))) continue;
    const [name, ...segments] = path;
    if (segments.length > MAX_DEPTH) throw new InputError(`${name}: parameters nest at most ${MAX_DEPTH} levels (${key})`);
    let slot = root.get(name!) ?? newSlot();
    root.set(name!, slot);
    for (const [position, segment] of segments.entries()) {
      if (segment === '') {
        if (position !== segments.length - 1) throw new InputError(`${name}: '[]' may only come last (${key})`);
        slot.isList = true;
        break;
      }
      if (/^\d+$/.test(segment)) {
        const index = Number(segment);
        if (index > MAX_INDEX) throw new InputError(`${name}: list positions go up to ${MAX_INDEX} (${key})`);
        slot.isList = true;
        const next = slot.indexed.get(index) ?? newSlot();
        slot.indexed.set(index, next);
        slot = next;
      } else {
        const next = slot.children.get(segment) ?? newSlot();
        slot.children.set(segment, next);
        slot = next;
      }
    }
    slot.values.push(value);
  }
  const result: Record<string, NestedValue> = {};
  for (const [name, slot] of root) result[name] = toValue(slot, name);
  return result;
}

/** `a[b][]` → ['a', 'b', '']; a key with unbalanced brackets is taken literally. */
function splitKey(key: string): string[] | undefined {
  const open = key.indexOf('[');
  if (open <= 0) return key ? [key] : undefined;
  const segments = [key.slice(0, open)];
  let rest = key.slice(open);
  while (rest.length) {
    const match = /^\[([^[\]]*)\]/.exec(rest);
    if (!match) return [key];
    segments.push(match[1]!);
    rest = rest.slice(match[0].length);
  }
  return segments;
}

function toValue(slot: Slot, path: string): NestedValue {
  if (slot.children.size) {
    if (slot.values.length || slot.indexed.size) throw new InputError(`${path}: given both as a value and as ${path}[key]`);
    const object: Record<string, NestedValue> = {};
    for (const [key, child] of slot.children) object[key] = toValue(child, `${path}[${key}]`);
    return object;
  }
  const items: NestedValue[] = [...slot.values];
  for (const [index, child] of [...slot.indexed].sort(([a], [b]) => a - b)) items.push(toValue(child, `${path}[${index}]`));
  return !slot.isList && items.length === 1 ? items[0]! : items;
}
