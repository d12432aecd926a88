import { Box, Typography } from '@mui/material';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { useNavigate } from '@tanstack/react-router';
import type { MouseEvent } from 'react';
import { KindIcon } from '../components/KindIcon.js';
import { entityPagePath } from '../entity-routes.js';

export interface EntityNodeData extends Record<string, unknown> {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title: string;
  root: boolean;
  found: boolean;
}

export type EntityFlowNode = Node<EntityNodeData, 'entity'>;

const hiddenHandle = { opacity: 0, top: '50%', left: '50%', pointerEvents: 'none' } as const;

/**
 * An entity in the graph: a real link to its page (so it opens by click, Enter, or in a new
 * tab), with its kind. Edges attach to the box (FloatingEdge); the handles only satisfy the
 * library and stay hidden.
 */
export function EntityNode({ data }: NodeProps<EntityFlowNode>) {
  const navigate = useNavigate();
  const href = entityPagePath({ kind: data.kind, namespace: data.namespace, name: data.name });
  return (
    <Box
      sx={{
        minWidth: 150,
        maxWidth: 220,
        px: 1.5,
        py: 1,
        borderRadius: 1.5,
        border: 2,
        borderColor: data.root ? 'primary.main' : 'divider',
        bgcolor: data.root ? 'primary.main' : 'background.paper',
        color: data.root ? 'primary.contrastText' : 'text.primary',
        boxShadow: data.root ? 4 : 1,
        borderStyle: data.found ? 'solid' : 'dashed',
        opacity: data.found ? 1 : 0.75,
        '&:hover': { borderColor: 'primary.main' },
      }}
    >
      <Handle type="target" position={Position.Top} style={hiddenHandle} isConnectable={false} />
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.75 }}>
        <KindIcon kind={data.kind} sx={{ fontSize: 16, opacity: 0.8 }} />
        <Typography variant="caption" sx={{ textTransform: 'uppercase', letterSpacing: '0.06em', fontWeight: 600, opacity: 0.8 }}>
          {data.kind}
        </Typography>
      </Box>
      <Box
        component="a"
        href={href}
        draggable={false}
        aria-label={`${data.title} (${data.kind})`}
        onClick={(event: MouseEvent<HTMLAnchorElement>) => {
          if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
          event.preventDefault();
          void navigate({ to: href });
        }}
        sx={{
          display: 'block',
          mt: 0.25,
          fontWeight: 600,
          fontSize: '0.875rem',
          lineHeight: 1.3,
          color: 'inherit',
          textDecoration: 'none',
          overflowWrap: 'anywhere',
          '&:hover': { textDecoration: 'underline' },
          '&:focus-visible': { outline: '2px solid', outlineOffset: 2 },
        }}
      >
        {data.title}
      </Box>
      <Handle type="source" position={Position.Bottom} style={hiddenHandle} isConnectable={false} />
    </Box>
  );
}
