import { InputError, stringifyEntityRef, tryParseEntityRef } from '@portico/model';
import { deleteEntities } from '../database/operations/ingestion/delete-entities.js';
import { withTransactionRetry } from '../database/operations/ingestion/sql-helpers.js';
import type { DeferredEntity, EntityProvider, EntityProviderConnection, EntityProviderMutation, EntityProviderMutationResult } from '../extension-points.js';
import type { EngineContext } from './engine-context.js';
import { processDocument } from './process/process-document.js';
import { EntitySink } from './tree/entity-sink.js';

const PROVIDER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}$/;

/**
 * Connects entity providers: each gets a connection whose mutations are applied one after
 * another. A provider owns `provider:<name>`; a full mutation replaces its whole share, a delta
 * adds and removes. Provider entities are validated but not subject to catalog rules.
 */
export class ProviderConnections {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly context: EngineContext) {}

  async connect(providers: readonly EntityProvider[]): Promise<void> {
    const names = new Set<string>();
    for (const provider of providers) {
      const name = provider.getProviderName();
      if (!PROVIDER_NAME.test(name)) throw new Error(`Entity provider name "${name}" is invalid: use letters, digits and _ . : -`);
      if (names.has(name)) throw new Error(`Two entity providers are named "${name}"`);
      names.add(name);
    }
    for (const provider of providers) await provider.connect(this.connectionFor(provider.getProviderName()));
  }

  connectionFor(name: string): EntityProviderConnection {
    return {
      applyMutation: (mutation) => {
        const previous = this.queues.get(name) ?? Promise.resolve();
        const run = previous.then(
          () => this.apply(name, mutation),
          () => this.apply(name, mutation),
        );
        this.queues.set(name, run.catch(() => undefined));
        return run;
      },
    };
  }

  private async apply(name: string, mutation: EntityProviderMutation): Promise<EntityProviderMutationResult> {
    const { context } = this;
    const originKey = `provider:${name}`;
    const sink = new EntitySink({ db: context.db, dialect: context.dialect, originKey, dryRun: false, collect: false, batchSize: context.batchSize, now: context.now });
    const added = mutation.type === 'full' ? mutation.entities : mutation.added;
    for (const deferred of added) await sink.add(this.process(name, deferred));
    await sink.flush();

    let removeIds: string[] = [];
    if (mutation.type === 'full') {
      const rows = await context.db.selectFrom('catalog_entities').select(['entity_id', 'entity_ref']).where('origin_key', '=', originKey).execute();
      removeIds = rows.filter((row) => !sink.emitted.has(row.entity_ref)).map((row) => row.entity_id);
    } else if (mutation.removed.length > 0) {
      const refs = mutation.removed.flatMap((item) => {
        const ref = 'entityRef' in item ? tryParseEntityRef(item.entityRef) : tryParseEntityRef(stringifyEntityRef(item.entity));
        return ref ? [stringifyEntityRef(ref)] : [];
      });
      const rows = refs.length
        ? await context.db.selectFrom('catalog_entities').select('entity_id').where('origin_key', '=', originKey).where('entity_ref', 'in', refs).execute()
        : [];
      removeIds = rows.map((row) => row.entity_id);
    }
    const removed = removeIds.length
      ? await withTransactionRetry(() => context.db.transaction().execute((trx) => deleteEntities(trx, context.dialect, removeIds, { now: context.now(), cause: originKey })))
      : [];
    await context.stitcher.publishRemoved(removed);
    await context.stitcher.drain();
    return { accepted: [...sink.stored], errors: sink.problems };
  }

  private process(name: string, deferred: DeferredEntity) {
    if (deferred.locationKey !== undefined && typeof deferred.locationKey !== 'string') throw new InputError('locationKey must be a string');
    const sourceKey = `provider:${name}${deferred.locationKey ? `:${deferred.locationKey}` : ''}`;
    const outcome = processDocument(deferred.entity, {
      source: { type: 'provider', target: `provider ${name}`, ref: sourceKey },
      origin: { type: 'provider', target: name },
      keepOwnLocationAnnotations: true,
      rules: null,
      kinds: this.context.kinds,
      allowedKinds: this.context.allowedKinds,
    });
    return { sourceKey, file: `provider ${name}`, outcome };
  }
}
