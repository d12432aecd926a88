import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';

export interface LayoutNode {
  id: string;
}
export interface LayoutEdge {
  source: string;
  target: string;
}

interface SimNode extends SimulationNodeDatum {
  id: string;
}

/**
 * Positions for a graph's nodes by a force simulation, run to rest before anything is drawn
 * (a few hundred nodes at most, so synchronously). The root is pinned at the centre; the seed
 * positions are fixed, so the same graph always gets the same drawing.
 */
export function forceLayout(nodes: readonly LayoutNode[], edges: readonly LayoutEdge[], rootId: string | undefined): Map<string, { x: number; y: number }> {
  const simNodes: SimNode[] = nodes.map((node, index) => {
    const angle = index * 2.399963; // the golden angle spreads seeds evenly
    const radius = 40 * Math.sqrt(index);
    const pinned = node.id === rootId;
    return {
      id: node.id,
      x: pinned ? 0 : radius * Math.cos(angle),
      y: pinned ? 0 : radius * Math.sin(angle),
      ...(pinned ? { fx: 0, fy: 0 } : {}),
    };
  });
  const ids = new Set(simNodes.map((node) => node.id));
  const links = edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target)).map((edge) => ({ source: edge.source, target: edge.target }));
  const simulation = forceSimulation(simNodes)
    .force('link', forceLink<SimNode, { source: string; target: string }>(links).id((node) => node.id).distance(230).strength(0.5))
    .force('charge', forceManyBody().strength(-1500))
    .force('collide', forceCollide(110))
    .force('x', forceX(0).strength(0.04))
    // Flatter than tall: nodes are wide, screens are wide.
    .force('y', forceY(0).strength(0.09))
    .stop();
  const ticks = Math.ceil(Math.log(simulation.alphaMin()) / Math.log(1 - simulation.alphaDecay()));
  simulation.tick(ticks);
  return new Map(simNodes.map((node) => [node.id, { x: node.x ?? 0, y: node.y ?? 0 }]));
}
