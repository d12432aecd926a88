import { BaseEdge, EdgeLabelRenderer, useInternalNode, type EdgeProps, type InternalNode } from '@xyflow/react';

/** Where the line from a node's centre towards `toward` leaves the node's box. */
function boxExit(node: InternalNode, toward: { x: number; y: number }): { x: number; y: number } {
  const width = node.measured.width ?? 0;
  const height = node.measured.height ?? 0;
  const centre = { x: node.internals.positionAbsolute.x + width / 2, y: node.internals.positionAbsolute.y + height / 2 };
  const dx = toward.x - centre.x;
  const dy = toward.y - centre.y;
  if (dx === 0 && dy === 0) return centre;
  const scale = Math.min(Math.abs(width / 2 / (dx || Number.EPSILON)), Math.abs(height / 2 / (dy || Number.EPSILON)));
  return { x: centre.x + dx * scale, y: centre.y + dy * scale };
}

function centreOf(node: InternalNode): { x: number; y: number } {
  return {
    x: node.internals.positionAbsolute.x + (node.measured.width ?? 0) / 2,
    y: node.internals.positionAbsolute.y + (node.measured.height ?? 0) / 2,
  };
}

/**
 * A straight edge between the borders of two nodes (not fixed handles), so a force layout's
 * edges meet nodes from any side, with the relation's name at the middle.
 */
export function FloatingEdge({ id, source, target, markerEnd, style, label }: EdgeProps) {
  const sourceNode = useInternalNode(source);
  const targetNode = useInternalNode(target);
  if (sourceNode === undefined || targetNode === undefined) return null;
  const start = boxExit(sourceNode, centreOf(targetNode));
  const end = boxExit(targetNode, centreOf(sourceNode));
  const path = `M ${start.x},${start.y} L ${end.x},${end.y}`;
  const labelX = (start.x + end.x) / 2;
  const labelY = (start.y + end.y) / 2;
  return (
    <>
      <BaseEdge id={id} path={path} {...(markerEnd === undefined ? {} : { markerEnd })} {...(style === undefined ? {} : { style })} />
      {label !== undefined && label !== null && (
        <EdgeLabelRenderer>
          <div
            className="portico-graph-edge-label nodrag nopan"
            style={{ position: 'absolute', transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)`, pointerEvents: 'none' }}
          >
            {label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
