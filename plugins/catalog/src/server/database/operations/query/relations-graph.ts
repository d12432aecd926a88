import type { Entity } from '@portico/model';
import type { Kysely } from 'kysely';
import type { CatalogTables } from '../../tables.js';

export interface RelationsGraphNode {
  entityRef: string;
  kind: string;
  namespace: string;
  name: string;
  title?: string;
  /** Hops from the nearest root. */
  depth: number;
  /** False for a ref that relations point at but no entity has (yet). */
  found: boolean;
}

export interface RelationsGraphEdge {
  source: string;
  type: string;
  target: string;
}

export interface RelationsGraph {
  nodes: RelationsGraphNode[];
  edges: RelationsGraphEdge[];
  /** True when `maxNodes` stopped the walk before `maxDepth`. */
  truncated: boolean;
}

export interface RelationsGraphRequest {
  rootEntityRefs: readonly string[];
  maxDepth: number;
  maxNodes: number;
  /** Only these relation types (as stored, e.g. `ownedBy`); every type when absent. */
  relationTypes?: readonly string[];
}

const CHUNK = 500;

/**
 * The relations around some entities, for the graph view: a breadth-first walk over
 * `catalog_relations` (which holds both directions), one query per hop, bounded by depth and
 * node count. Edges are kept only between nodes in the result.
 */
export async function getRelationsGraph(db: Kysely<CatalogTables>, request: RelationsGraphRequest): Promise<RelationsGraph> {
  const depthByRef = new Map<string, number>();
  for (const ref of request.rootEntityRefs) if (depthByRef.size < request.maxNodes) depthByRef.set(ref, 0);
  const edges = new Map<string, RelationsGraphEdge>();
  const types = request.relationTypes?.length ? [...request.relationTypes] : undefined;
  let frontier = [...depthByRef.keys()];
  let truncated = false;
  for (let depth = 1; depth <= request.maxDepth && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (let index = 0; index < frontier.length; index += CHUNK) {
      let query = db
        .selectFrom('catalog_relations')
        .select(['source_ref', 'type', 'target_ref'])
        .where('source_ref', 'in', frontier.slice(index, index + CHUNK))
        .orderBy('source_ref')
        .orderBy('type')
        .orderBy('target_ref');
      if (types) query = query.where('type', 'in', types);
      for (const row of await query.execute()) {
        if (!depthByRef.has(row.target_ref)) {
          if (depthByRef.size >= request.maxNodes) {
            truncated = true;
            continue;
          }
          depthByRef.set(row.target_ref, depth);
          next.push(row.target_ref);
        }
        edges.set(`${row.source_ref}\u0000${row.type}\u0000${row.target_ref}`, { source: row.source_ref, type: row.type, target: row.target_ref });
      }
    }
    frontier = next;
  }

  const refs = [...depthByRef.keys()];
  const entities = new Map<string, Entity>();
  for (let index = 0; index < refs.length; index += CHUNK) {
    const rows = await db
      .selectFrom('catalog_entities')
      .select(['entity_ref', 'final_body'])
      .where('entity_ref', 'in', refs.slice(index, index + CHUNK))
      .execute();
    for (const row of rows) entities.set(row.entity_ref, JSON.parse(row.final_body) as Entity);
  }
  const nodes = refs.map((entityRef): RelationsGraphNode => {
    const depth = depthByRef.get(entityRef) ?? 0;
    const entity = entities.get(entityRef);
    if (entity) {
      return {
        entityRef,
        kind: entity.kind,
        namespace: entity.metadata.namespace ?? 'default',
        name: entity.metadata.name,
        ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
        depth,
        found: true,
      };
    }
    const colon = entityRef.indexOf(':');
    const slash = entityRef.indexOf('/', colon + 1);
    return {
      entityRef,
      kind: entityRef.slice(0, colon),
      namespace: entityRef.slice(colon + 1, slash),
      name: entityRef.slice(slash + 1),
      depth,
      found: false,
    };
  });
  const kept = [...edges.values()].filter((edge) => depthByRef.has(edge.source) && depthByRef.has(edge.target));
  return { nodes, edges: kept, truncated };
}
