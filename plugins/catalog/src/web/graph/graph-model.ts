import { RELATION_PAIRS } from '@portico/model';
import type { RelationsGraphEdge, RelationsGraphNode, RelationsGraphResponse } from '../../common/contracts.js';

/** A relation pair as the graph controls offer it: one choice covers both directions. */
export interface RelationChoice {
  id: string;
  label: string;
  /** The forward type, drawn on edges (`ownedBy`). */
  forward: string;
  reverse: string;
}

const LABELS: Readonly<Record<string, string>> = {
  ownedBy: 'Ownership',
  partOf: 'Part of',
  providesApi: 'Provides API',
  consumesApi: 'Consumes API',
  dependsOn: 'Depends on',
  parentOf: 'Parent group',
  memberOf: 'Membership',
};

export const RELATION_CHOICES: readonly RelationChoice[] = RELATION_PAIRS.map(([forward, reverse]) => ({
  id: forward,
  label: LABELS[forward] ?? forward,
  forward,
  reverse,
}));

const FORWARD_OF = new Map<string, string>(RELATION_PAIRS.flatMap(([forward, reverse]) => [[forward, forward], [reverse, forward]]));
const REVERSES = new Set<string>(RELATION_PAIRS.map(([, reverse]) => reverse));

/** The relation types to ask the server for: both directions of each chosen pair. */
export function relationTypesFor(choiceIds: readonly string[]): string[] {
  return RELATION_CHOICES.filter((choice) => choiceIds.includes(choice.id)).flatMap((choice) => [choice.forward, choice.reverse]);
}

/** `ownedBy` → `owned by`, for edge labels. */
export function edgeLabel(type: string): string {
  return type
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLocaleLowerCase('en-US')
    .replace(/\bapi\b/, 'API');
}

/**
 * The catalog stores each relation in both directions (`ownedBy` and `ownerOf`); a drawing needs
 * one edge per pair. Reverse types are turned around to their forward type, then duplicates go.
 */
export function mergeEdges(edges: readonly RelationsGraphEdge[]): RelationsGraphEdge[] {
  const seen = new Map<string, RelationsGraphEdge>();
  for (const edge of edges) {
    const forward = FORWARD_OF.get(edge.type);
    const drawn = forward !== undefined && REVERSES.has(edge.type) ? { source: edge.target, type: forward, target: edge.source } : edge;
    const key = `${drawn.source}|${drawn.type}|${drawn.target}`;
    if (!seen.has(key)) seen.set(key, drawn);
  }
  return [...seen.values()];
}

/** Keeps nodes of the chosen kinds (the root always) and the edges between kept nodes. */
export function filterByKinds(graph: Pick<RelationsGraphResponse, 'nodes' | 'edges'>, rootRefs: readonly string[], kinds: readonly string[] | undefined) {
  if (kinds === undefined) return { nodes: graph.nodes, edges: graph.edges };
  const wanted = new Set(kinds.map((kind) => kind.toLocaleLowerCase('en-US')));
  const nodes = graph.nodes.filter((node) => rootRefs.includes(node.entityRef) || wanted.has(node.kind.toLocaleLowerCase('en-US')));
  const kept = new Set(nodes.map((node) => node.entityRef));
  return { nodes, edges: graph.edges.filter((edge) => kept.has(edge.source) && kept.has(edge.target)) };
}

/** The kinds present in a graph, with counts, for the kind filter. */
export function kindsIn(nodes: readonly RelationsGraphNode[]): Array<{ kind: string; count: number }> {
  const counts = new Map<string, number>();
  for (const node of nodes) counts.set(node.kind, (counts.get(node.kind) ?? 0) + 1);
  return [...counts.entries()].map(([kind, count]) => ({ kind, count })).sort((a, b) => a.kind.localeCompare(b.kind));
}
