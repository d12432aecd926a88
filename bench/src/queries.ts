import type { ExpectedCatalog } from './expected.js';
import { arrayAt, isObject, numberAt, stringAt } from './json.js';

/** A catalog request measured after ingestion, with the check its answer must pass. */
export interface CatalogQuery {
  name: string;
  /** Under /api/catalog. */
  path: string;
  /** POSTed as JSON when present. */
  body?: unknown;
  /** null when the answer is right, else what is wrong with it. */
  check(answer: unknown): string | null;
  /** false: a Portico-only row (the peer harness does not measure it). */
  peer: boolean;
}

/** The facets Portico's own extra row asks for in one request. */
export const EXTRA_FACETS = ['kind', 'spec.type', 'spec.lifecycle'] as const;

/**
 * The peer harness's five queries with the same URLs and the same checks against expected.json,
 * then Portico's extra rows: by-refs of `refs` and three facets at once.
 */
export function catalogQueries(expected: ExpectedCatalog, refs: readonly string[]): CatalogQuery[] {
  const q = expected.queries;
  const sampleName = q.byName.split('/')[2] as string;
  const services = q.counts.serviceComponents;
  const fullText = q.counts.fullTextComponents;
  return [
    {
      name: 'by-name',
      path: `/entities/by-name/${q.byName}`,
      peer: true,
      check: (answer) => same('metadata.name', stringAt(answer, 'metadata.name'), sampleName),
    },
    {
      name: 'by-query-filter',
      path: '/entities/by-query?filter=kind=component,spec.type=service&limit=50',
      peer: true,
      check: (answer) => page(answer, Math.min(50, services), services),
    },
    {
      name: 'by-query-fulltext',
      path: `/entities/by-query?filter=kind=component&fullTextFilterTerm=${q.fullTextTerm}&fullTextFilterFields=metadata.name,metadata.title&limit=50`,
      peer: true,
      check: (answer) => page(answer, Math.min(50, fullText), fullText),
    },
    {
      name: 'facets-spec.type',
      path: '/entity-facets?facet=spec.type',
      peer: true,
      check: (answer) => facetCount(answer, 'spec.type', 'service', services),
    },
    {
      name: 'list-tag-java',
      path: `/entities?filter=metadata.tags=${q.tag}`,
      peer: true,
      check: (answer) =>
        Array.isArray(answer) ? same('number of entities', answer.length, q.counts.javaTagged) : 'the answer is not a list of entities',
    },
    {
      name: `by-refs-${refs.length}`,
      path: '/entities/by-refs',
      body: { entityRefs: refs },
      peer: false,
      check: (answer) => byRefs(answer, refs),
    },
    {
      name: `facets-${EXTRA_FACETS.join('+')}`,
      path: `/entity-facets?${EXTRA_FACETS.map((facet) => `facet=${facet}`).join('&')}`,
      peer: false,
      check: (answer) => threeFacets(answer, expected),
    },
  ];
}

function same(what: string, got: unknown, want: unknown): string | null {
  return got === want ? null : `${what}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`;
}

function page(answer: unknown, items: number, totalItems: number): string | null {
  const list = arrayAt(answer, 'items');
  if (!list) return 'the answer has no items list';
  return same('items', list.length, items) ?? same('totalItems', numberAt(answer, 'totalItems'), totalItems);
}

function facetValues(answer: unknown, facet: string): Map<string, number> | null {
  const facets = isObject(answer) ? answer.facets : undefined;
  const list = isObject(facets) ? facets[facet] : undefined;
  if (!Array.isArray(list)) return null;
  const values = new Map<string, number>();
  for (const item of list) {
    const value = stringAt(item, 'value');
    const count = numberAt(item, 'count');
    if (value !== null && count !== null) values.set(value, count);
  }
  return values;
}

function facetCount(answer: unknown, facet: string, value: string, count: number): string | null {
  const values = facetValues(answer, facet);
  if (!values) return `the answer has no facets.${facet} list`;
  return same(`facets.${facet} count of '${value}'`, values.get(value), count);
}

function threeFacets(answer: unknown, expected: ExpectedCatalog): string | null {
  for (const [kind, count] of Object.entries(expected.byKind)) {
    const problem = facetCount(answer, 'kind', kind, count);
    if (problem) return problem;
  }
  const problem = facetCount(answer, 'spec.type', 'service', expected.queries.counts.serviceComponents);
  if (problem) return problem;
  // Every generated API and Component, and nothing else, has a lifecycle.
  const lifecycles = facetValues(answer, 'spec.lifecycle');
  if (!lifecycles) return 'the answer has no facets.spec.lifecycle list';
  const total = [...lifecycles.values()].reduce((sum, count) => sum + count, 0);
  return same('sum of facets.spec.lifecycle counts', total, (expected.byKind.API ?? 0) + (expected.byKind.Component ?? 0));
}

function byRefs(answer: unknown, refs: readonly string[]): string | null {
  const items = arrayAt(answer, 'items');
  if (!items) return 'the answer has no items list';
  const lengthProblem = same('items', items.length, refs.length);
  if (lengthProblem) return lengthProblem;
  for (const [index, ref] of refs.entries()) {
    const name = ref.slice(ref.lastIndexOf('/') + 1);
    const problem = same(`items[${index}].metadata.name`, stringAt(items[index], 'metadata.name'), name);
    if (problem) return problem;
  }
  return null;
}
