import crypto from 'node:crypto';
import { getCompoundEntityRef, type Entity } from '@portico/model';

/** The stored form of an entity's body, and the hash that tells whether it changed. */
export function serializeBody(entity: Entity): { body: string; bodyHash: string } {
  const body = JSON.stringify(entity);
  return { body, bodyHash: crypto.createHash('sha1').update(body).digest('hex') };
}

/** kind, namespace and name as written (the ref is their lower-cased form). */
export function identityOf(entity: Entity): { kind: string; namespace: string; name: string } {
  return getCompoundEntityRef(entity);
}
