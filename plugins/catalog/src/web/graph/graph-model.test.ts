import { describe, expect, it } from 'vitest';
import { edgeLabel, filterByKinds, kindsIn, mergeEdges, relationTypesFor } from './graph-model.js';

describe('mergeEdges', () => {
  it('draws each stored pair of relations as one forward edge', () => {
    const edges = mergeEdges([
      { source: 'component:default/a', type: 'ownedBy', target: 'group:default/t' },
      { source: 'group:default/t', type: 'ownerOf', target: 'component:default/a' },
      { source: 'api:default/x', type: 'apiProvidedBy', target: 'component:default/a' },
      { source: 'component:default/a', type: 'customLink', target: 'component:default/b' },
    ]);
    expect(edges).toEqual([
      { source: 'component:default/a', type: 'ownedBy', target: 'group:default/t' },
      { source: 'component:default/a', type: 'providesApi', target: 'api:default/x' },
      { source: 'component:default/a', type: 'customLink', target: 'component:default/b' },
    ]);
  });
});

describe('filterByKinds', () => {
  const graph = {
    nodes: [
      { entityRef: 'component:default/a', kind: 'Component', name: 'a', namespace: 'default', depth: 0, found: true },
      { entityRef: 'group:default/t', kind: 'Group', name: 't', namespace: 'default', depth: 1, found: true },
      { entityRef: 'api:default/x', kind: 'API', name: 'x', namespace: 'default', depth: 1, found: true },
    ],
    edges: [
      { source: 'component:default/a', type: 'ownedBy', target: 'group:default/t' },
      { source: 'component:default/a', type: 'providesApi', target: 'api:default/x' },
    ],
  };

  it('keeps the chosen kinds, the root, and only edges between kept nodes', () => {
    const filtered = filterByKinds(graph, ['component:default/a'], ['api']);
    expect(filtered.nodes.map((node) => node.entityRef)).toEqual(['component:default/a', 'api:default/x']);
    expect(filtered.edges).toEqual([{ source: 'component:default/a', type: 'providesApi', target: 'api:default/x' }]);
  });

  it('keeps everything without a kind filter, and counts kinds', () => {
    expect(filterByKinds(graph, [], undefined)).toEqual(graph);
    expect(kindsIn(graph.nodes)).toEqual([
      { kind: 'API', count: 1 },
      { kind: 'Component', count: 1 },
      { kind: 'Group', count: 1 },
    ]);
  });
});

describe('relation choices', () => {
  it('asks the server for both directions and labels edges in words', () => {
    expect(relationTypesFor(['ownedBy', 'dependsOn'])).toEqual(['ownedBy', 'ownerOf', 'dependsOn', 'dependencyOf']);
    expect(edgeLabel('providesApi')).toBe('provides API');
    expect(edgeLabel('ownedBy')).toBe('owned by');
  });
});
