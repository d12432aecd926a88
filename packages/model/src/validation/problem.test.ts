import { describe, expect, it } from 'vitest';
import { attachSourcePositions, formatFieldPath, formatProblem, type FieldPath, type ValidationProblem } from './problem.js';

const problem = (path: FieldPath, extra: Partial<ValidationProblem> = {}): ValidationProblem => ({
  entityRef: 'component:default/orders',
  path,
  field: formatFieldPath(path),
  stage: 'kind',
  rule: 'required',
  message: `${formatFieldPath(path)} is required`,
  ...extra,
});

describe('formatFieldPath', () => {
  it('writes paths the way people read them', () => {
    expect(formatFieldPath(['spec', 'owner'])).toBe('spec.owner');
    expect(formatFieldPath(['metadata', 'tags', 2])).toBe('metadata.tags[2]');
    expect(formatFieldPath(['spec', 'steps', 0, 'action'])).toBe('spec.steps[0].action');
    expect(formatFieldPath(['metadata', 'annotations', 'backstage.io/techdocs-ref'])).toBe('metadata.annotations["backstage.io/techdocs-ref"]');
    expect(formatFieldPath(['spec', 'parameters', 'backstage:permissions'])).toBe('spec.parameters["backstage:permissions"]');
    expect(formatFieldPath([])).toBe('');
  });
});

describe('attachSourcePositions', () => {
  const nodes = new Map<string, { line: number; column: number }>([
    ['', { line: 1, column: 1 }],
    ['spec', { line: 7, column: 3 }],
    ['metadata.tags[2]', { line: 5, column: 7 }],
  ]);
  const locate = (path: FieldPath) => nodes.get(formatFieldPath(path));

  it('uses the field itself when it exists', () => {
    const [located] = attachSourcePositions([problem(['metadata', 'tags', 2])], locate, 'catalog-info.yaml');
    expect(located?.position).toEqual({ file: 'catalog-info.yaml', line: 5, column: 7 });
  });

  it('falls back to the nearest enclosing field for a missing one', () => {
    const [located] = attachSourcePositions([problem(['spec', 'owner'])], locate, 'catalog-info.yaml');
    expect(located?.position).toEqual({ file: 'catalog-info.yaml', line: 7, column: 3 });
    expect(formatProblem(located!)).toBe('catalog-info.yaml:7:3: component:default/orders: spec.owner is required');
  });

  it('does not modify the problems it is given', () => {
    const original = problem(['spec']);
    attachSourcePositions([original], locate, 'x.yaml');
    expect(original.position).toBeUndefined();
  });
});

describe('formatProblem', () => {
  it('leaves out what is not known', () => {
    expect(formatProblem(problem(['spec', 'owner']))).toBe('component:default/orders: spec.owner is required');
    expect(formatProblem(problem(['spec'], { entityRef: undefined, position: { line: 3, column: 2 } }))).toBe('line 3, column 2: spec is required');
    expect(formatProblem(problem(['spec'], { position: { file: 'a.yaml' } }))).toBe('a.yaml: component:default/orders: spec is required');
  });
});
