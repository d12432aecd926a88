import '@xyflow/react/dist/style.css';
import { Alert, Box, CircularProgress, GlobalStyles, Typography, useColorScheme } from '@mui/material';
import { tryParseEntityRef } from '@portico/model';
import { ErrorPanel } from '@portico/web';
import { useQuery } from '@tanstack/react-query';
import { Background, Controls, MarkerType, ReactFlow, type Edge } from '@xyflow/react';
import { useMemo } from 'react';
import { relationsGraphQuery } from '../queries.js';
import { EntityNode, type EntityFlowNode } from './EntityNode.js';
import { FloatingEdge } from './FloatingEdge.js';
import { edgeLabel, filterByKinds, mergeEdges } from './graph-model.js';
import { forceLayout } from './layout.js';

export interface RelationsGraphProps {
  /** Lower-cased ref of the entity in the middle. */
  rootRef: string;
  maxDepth: number;
  /** Relation types to follow (both directions of each pair); all when absent. */
  relationTypes?: string[];
  /** Kinds to draw (lower-case); all when absent. */
  kinds?: string[];
  height: number | string;
  /** Names the graph region, e.g. "Relations of Booking service". */
  label: string;
  /** Relation names on the edges; by default only while there are few enough to read. */
  showLabels?: boolean;
}

const nodeTypes = { entity: EntityNode };
const edgeTypes = { floating: FloatingEdge };
const NODE_WIDTH = 180;
const NODE_HEIGHT = 56;

/** An interactive graph of the entities around one entity, laid out by a force simulation. */
/** Above this many edges, names on every edge are more noise than help. */
const MAX_LABELLED_EDGES = 40;

export function RelationsGraph({ rootRef, maxDepth, relationTypes, kinds, height, label, showLabels }: RelationsGraphProps) {
  const graph = useQuery(relationsGraphQuery({ rootEntityRefs: [rootRef], maxDepth, ...(relationTypes ? { relationTypes } : {}), maxNodes: 200 }));
  const { mode, systemMode } = useColorScheme();
  const colorMode = (mode === 'system' ? systemMode : mode) ?? 'light';

  const flow = useMemo(() => {
    if (graph.data === undefined) return undefined;
    const merged = { nodes: graph.data.nodes, edges: mergeEdges(graph.data.edges) };
    const { nodes, edges } = filterByKinds(merged, [rootRef], kinds);
    const positions = forceLayout(nodes.map((node) => ({ id: node.entityRef })), edges, rootRef);
    const flowNodes: EntityFlowNode[] = nodes.map((node) => {
      const position = positions.get(node.entityRef) ?? { x: 0, y: 0 };
      const parsed = tryParseEntityRef(node.entityRef);
      return {
        id: node.entityRef,
        type: 'entity',
        position: { x: position.x - NODE_WIDTH / 2, y: position.y - NODE_HEIGHT / 2 },
        data: {
          entityRef: node.entityRef,
          kind: node.kind || parsed?.kind || '',
          namespace: node.namespace,
          name: node.name,
          title: node.title ?? node.name,
          root: node.entityRef === rootRef,
          found: node.found,
        },
      };
    });
    const labelled = showLabels ?? edges.length <= MAX_LABELLED_EDGES;
    const flowEdges: Edge[] = edges.map((edge) => ({
      id: `${edge.source}|${edge.type}|${edge.target}`,
      source: edge.source,
      target: edge.target,
      type: 'floating',
      ...(labelled ? { label: edgeLabel(edge.type) } : {}),
      markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
    }));
    return { nodes: flowNodes, edges: flowEdges };
  }, [graph.data, kinds, rootRef, showLabels]);

  return (
    <Box role="region" aria-label={label} sx={{ position: 'relative', height, minHeight: 240, '& .react-flow': { '--xy-background-color': 'transparent' } }}>
      <GlobalStyles
        styles={(theme) => ({
          '.portico-graph-edge-label': {
            fontSize: 11,
            padding: '1px 6px',
            borderRadius: 6,
            background: theme.vars ? theme.vars.palette.background.paper : theme.palette.background.paper,
            color: theme.vars ? theme.vars.palette.text.secondary : theme.palette.text.secondary,
            border: `1px solid ${theme.vars ? theme.vars.palette.divider : theme.palette.divider}`,
            whiteSpace: 'nowrap',
          },
          '.react-flow__attribution': { display: 'none' },
        })}
      />
      {graph.isPending && (
        <Box sx={{ position: 'absolute', inset: 0, display: 'grid', placeItems: 'center' }}>
          <CircularProgress size={28} aria-label="Loading the graph" />
        </Box>
      )}
      {graph.isError && (
        <Box sx={{ p: 2 }}>
          <ErrorPanel error={graph.error} onRetry={() => void graph.refetch()} />
        </Box>
      )}
      {graph.data?.truncated && (
        <Alert severity="info" variant="outlined" sx={{ position: 'absolute', top: 8, left: 8, right: 8, zIndex: 5, py: 0 }}>
          This graph stops at 200 entities; lower the depth or choose fewer relations to see the rest.
        </Alert>
      )}
      {flow !== undefined && flow.nodes.length <= 1 && (
        <Typography color="text.secondary" sx={{ position: 'absolute', bottom: 12, left: 0, right: 0, textAlign: 'center', zIndex: 5 }}>
          No related entities with these settings.
        </Typography>
      )}
      {flow !== undefined && (
        <ReactFlow
          // Uncontrolled, so nodes can be dragged; a new graph remounts it.
          key={`${rootRef}|${maxDepth}|${relationTypes?.join(',') ?? ''}|${kinds?.join(',') ?? ''}|${String(showLabels)}|${graph.dataUpdatedAt}`}
          defaultNodes={flow.nodes}
          defaultEdges={flow.edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          colorMode={colorMode}
          fitView
          fitViewOptions={{ padding: 0.15, maxZoom: 1 }}
          minZoom={0.2}
          maxZoom={2}
          nodesConnectable={false}
          edgesFocusable={false}
          elementsSelectable={false}
          proOptions={{ hideAttribution: true }}
          style={{ background: 'transparent' }}
        >
          <Background gap={20} size={1} />
          <Controls showInteractive={false} />
        </ReactFlow>
      )}
    </Box>
  );
}
