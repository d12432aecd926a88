import crypto from 'node:crypto';
import type { Entity, EntityRelation, EntityStatusItem } from '@portico/model';
import { ANNOTATION_ORPHAN } from '../process/process-document.js';

export interface FinalEntityInput {
  entityId: string;
  /** The stored body (JSON), as ingestion wrote it. */
  body: string;
  /** Hash of `body` (stored beside it), so the etag need not hash the whole body again. */
  bodyHash: string;
  /** `body` already parsed, when the caller has it; it is not modified. */
  parsedBody?: Entity;
  /** Rows of catalog_relations whose source is this entity, in any order, maybe repeated. */
  relations: readonly EntityRelation[];
  /** The stored processing problems (JSON array of status items), or null. */
  errors: string | null;
  orphan: boolean;
}

export interface FinalEntity {
  entity: Entity;
  json: string;
  etag: string;
}

/** Sorted by type, then target; each pair once. */
export function sortRelations(relations: readonly EntityRelation[]): EntityRelation[] {
  const seen = new Set<string>();
  const out: EntityRelation[] = [];
  for (const relation of relations) {
    const key = `${relation.type}\u0000${relation.targetRef}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ type: relation.type, targetRef: relation.targetRef });
  }
  return out.sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : a.targetRef < b.targetRef ? -1 : a.targetRef > b.targetRef ? 1 : 0));
}

/**
 * The entity the API serves: the stored body plus uid, etag, relations (both directions, from
 * the relations table), processing errors as status items and the orphan annotation. The etag
 * is a hash of everything that goes in, so an unchanged input gives an unchanged etag.
 */
export function buildFinalEntity(input: FinalEntityInput): FinalEntity {
  const relations = sortRelations(input.relations);
  const relationsJson = JSON.stringify(relations);
  const etag = crypto
    .createHash('sha1')
    .update(input.entityId)
    .update('\u0000')
    .update(input.bodyHash)
    .update('\u0000')
    .update(relationsJson)
    .update('\u0000')
    .update(input.errors ?? '')
    .update(input.orphan ? '\u0000orphan' : '')
    .digest('hex');
  const body = input.parsedBody ?? (JSON.parse(input.body) as Entity);
  const annotations = input.orphan ? { ...body.metadata.annotations, [ANNOTATION_ORPHAN]: 'true' } : body.metadata.annotations;
  const items = input.errors ? (JSON.parse(input.errors) as EntityStatusItem[]) : [];
  const entity: Entity = {
    apiVersion: body.apiVersion,
    kind: body.kind,
    metadata: { ...body.metadata, ...(annotations ? { annotations } : {}), uid: input.entityId, etag },
    ...(body.spec === undefined ? {} : { spec: body.spec }),
    relations,
    ...(items.length > 0 ? { status: { items } } : {}),
  };
  return { entity, json: JSON.stringify(entity), etag };
}
