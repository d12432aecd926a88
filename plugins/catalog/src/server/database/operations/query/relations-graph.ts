import type { Kysely } from 'kysely';
import type { CatalogTables } from '../../tables.js';

export interface RelationsGraph {
  /** Lower-cased refs of every entity reached; `found` is false for refs with no entity. */
  nodes: Array<{ entityRef: string; kind: string; name: string; namespace: string; title?: string; found: boolean }>;
  edges: Array<{ source: string; type: string; target: string }>;
  /** True when the node limit cut the walk short. */
  truncated: boolean;
}

/**
 * Walks relations breadth-first from the root entities, up to `maxDepth` hops and `maxNodes`
 * nodes, following only `relationTypes` when given. One query per hop, not per node.
 */
export async function relationsGraph(
  db: Kysely<CatalogTables>,
  options: { rootEntityRefs: string[]; maxDepth: number; relationTypes?: string[]; maxNodes: number },
): Promise<RelationsGraph> {
  const seen = new Set(options.rootEntityRefs.map((ref) => ref.toLowerCase()));
  const edges = new Map<string, { source: string; type: string; target: string }>();
  let frontier = [...seen];
  let truncated = false;
  for (let depth = 0; depth < options.maxDepth && frontier.length > 0; depth++) {
    let query = db
      .selectFrom('catalog_relations')
      .select(['source_ref', 'type', 'target_ref'])
      .where('source_ref', 'in', frontier);
    if (options.relationTypes?.length) query = query.where('type', 'in', options.relationTypes);
    const rows = await query.execute();
    const next: string[] = [];
    for (const row of rows) {
      if (!seen.has(row.target_ref)) {
        if (seen.size >= options.maxNodes) {
          truncated = true;
          continue;
        }
        seen.add(row.target_ref);
        next.push(row.target_ref);
      }
      edges.set(`${row.source_ref}|${row.type}|${row.target_ref}`, { source: row.source_ref, type: row.type, target: row.target_ref });
    }
    frontier = next;
  }

  const refs = [...seen];
  const bodies = new Map<string, { kind: string; name: string; namespace: string; title?: string }>();
  for (let index = 0; index < refs.length; index += 500) {
    const rows = await db
      .selectFrom('catalog_entities')
      .select(['entity_ref', 'final_body'])
      .where('entity_ref', 'in', refs.slice(index, index + 500))
      .execute();
    for (const row of rows) {
      const entity = JSON.parse(row.final_body) as { kind: string; metadata: { name: string; namespace?: string; title?: string } };
      bodies.set(row.entity_ref, {
        kind: entity.kind,
        name: entity.metadata.name,
        namespace: entity.metadata.namespace ?? 'default',
        ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
      });
    }
  }
  const nodes = refs.map((entityRef) => {
    const body = bodies.get(entityRef);
    if (body) return { entityRef, ...body, found: true };
    const [kind = '', rest = ''] = entityRef.split(':');
    const [namespace = 'default', name = rest] = rest.split('/');
    return { entityRef, kind, namespace, name, found: false };
  });
  return { nodes, edges: [...edges.values()].filter((edge) => seen.has(edge.target)), truncated };
}
