import type { Entity } from '@portico/model';
import type { DatabaseDialect } from '@portico/server';
import type { Kysely } from 'kysely';
import type { CatalogTables } from '../../database/tables.js';
import { loadEntityStates, type EntityState } from '../../database/operations/ingestion/entity-states.js';
import { writeEntityChanges, type EntityChanges } from '../../database/operations/ingestion/write-entities.js';
import { withTransactionRetry } from '../../database/operations/ingestion/sql-helpers.js';
import type { DocumentOutcome } from '../process/process-document.js';
import { describeProblem, toStatusItems } from '../process/problems.js';
import { buildFinalEntity } from '../stitch/final-entity.js';
import { identityOf, serializeBody } from '../stitch/entity-body.js';
import { timeOrderedId } from '../../database/operations/ingestion/time-ordered-id.js';

/** One processed document and where it came from. */
export interface SinkItem {
  /** The emitter: `location:<managed-by-location>` or `provider:<name>[:<locationKey>]`. */
  sourceKey: string;
  /** The file or URL, for messages. */
  file: string;
  outcome: DocumentOutcome;
}

/** Another emitter already holds the ref; the first one keeps it. */
export interface Conflict {
  entityRef: string;
  sourceKey: string;
  ownerSourceKey: string;
  ownerOriginKey: string;
}

export interface EntitySinkOptions {
  db: Kysely<CatalogTables>;
  dialect: DatabaseDialect;
  /** The root every entity of this tree originates from. */
  originKey: string;
  /** Read and judge, write nothing. */
  dryRun: boolean;
  /** Keep the entities (for a registration's answer). */
  collect: boolean;
  batchSize: number;
  now: () => number;
}

/**
 * Receives the documents of a location tree and stores them in batches: compares each with the
 * stored entity of the same ref, then writes new, changed and re-judged entities in one
 * transaction per batch. An entity with problems keeps its last good body and gets the problems
 * as status items; one nobody stored yet reports them to the location. The same ref from
 * another emitter is a conflict: the first keeps it.
 */
export class EntitySink {
  readonly problems: string[] = [];
  readonly conflicts: Conflict[] = [];
  readonly collected: Entity[] = [];
  /** Refs of valid entities this emitter stored or already held. */
  readonly stored = new Set<string>();
  /** Every ref this emitter holds after this read (valid or kept with errors): not orphans. */
  readonly emitted = new Set<string>();
  readonly counts = { added: 0, changed: 0, statusChanged: 0, unchanged: 0 };
  /** Sources that had a problem only the sink could see (conflicts, duplicates): never reused unread. */
  readonly sourcesWithProblems = new Set<string>();
  /** Refs written in this pass and by whom, so a second emitter in the same tree conflicts. */
  private readonly claimed = new Map<string, string>();
  private buffer: SinkItem[] = [];

  constructor(private readonly options: EntitySinkOptions) {}

  async add(item: SinkItem): Promise<void> {
    this.buffer.push(item);
    if (this.buffer.length >= this.options.batchSize) await this.flush();
  }

  async flush(): Promise<void> {
    const items = this.buffer;
    this.buffer = [];
    if (items.length === 0) return;
    const refs = items.flatMap((item) => (item.outcome.ref ? [item.outcome.ref] : []));
    await withUniqueRetry(async () => {
      const states = await loadEntityStates(this.options.db, refs);
      const plan = this.classify(items, states);
      if (!this.options.dryRun) {
        const now = this.options.now();
        await withTransactionRetry(() => this.options.db.transaction().execute((trx) => writeEntityChanges(trx, this.options.dialect, plan.changes, now)));
      }
      plan.commit();
    });
  }

  private classify(items: SinkItem[], states: Map<string, EntityState>): { changes: EntityChanges; commit: () => void } {
    const changes: EntityChanges = { added: [], changed: [], statusChanged: [] };
    const problems: string[] = [];
    const conflicts: Conflict[] = [];
    const claimed = new Map<string, string>();
    const counts = { added: 0, changed: 0, statusChanged: 0, unchanged: 0 };
    const collected: Entity[] = [];
    const problemSources = new Set<string>();
    const storedRefs: string[] = [];
    const { originKey } = this.options;

    for (const item of items) {
      const { outcome } = item;
      const ref = outcome.ref;
      if (!ref) {
        if (!outcome.ok) problems.push(...outcome.messages);
        continue;
      }
      const earlier = claimed.get(ref) ?? this.claimed.get(ref);
      if (earlier !== undefined) {
        const message =
          earlier === item.sourceKey
            ? `is defined more than once in ${item.file}; the first definition is used`
            : `is also defined by ${displaySource(earlier)}, which keeps it`;
        problems.push(describeProblem({ file: item.file, entityRef: ref, path: [], rule: 'conflict', message }));
        problemSources.add(item.sourceKey);
        continue;
      }
      const state = states.get(ref);
      const sameEmitter = state !== undefined && state.sourceKey === item.sourceKey && state.originKey === originKey;
      // Anyone may take over an orphan with a valid entity; a broken one never takes anything over.
      const ours = !state || sameEmitter || (state.orphan && outcome.ok);
      if (!ours && !outcome.ok) {
        problems.push(...outcome.messages);
        continue;
      }
      if (!ours) {
        conflicts.push({ entityRef: ref, sourceKey: item.sourceKey, ownerSourceKey: state.sourceKey, ownerOriginKey: state.originKey });
        problemSources.add(item.sourceKey);
        problems.push(
          describeProblem({
            file: item.file,
            entityRef: ref,
            path: [],
            rule: 'conflict',
            message: `is already emitted by ${displaySource(state.sourceKey)} (through location ${state.originKey}); the first emitter keeps it`,
          }),
        );
        continue;
      }
      claimed.set(ref, item.sourceKey);

      if (!outcome.ok) {
        if (!state) {
          problems.push(...outcome.messages);
          continue;
        }
        const errors = JSON.stringify(toStatusItems(outcome.messages));
        if (errors !== state.errors || state.orphan) {
          changes.statusChanged.push({ entityId: state.entityId, entityRef: ref, errors });
          counts.statusChanged++;
        } else counts.unchanged++;
        continue;
      }

      storedRefs.push(ref);
      if (this.options.collect) collected.push(outcome.entity);
      const { body, bodyHash } = serializeBody(outcome.entity);
      const identity = identityOf(outcome.entity);
      if (!state) {
        const entityId = timeOrderedId();
        const provisional = buildFinalEntity({ entityId, body, bodyHash, parsedBody: outcome.entity, relations: outcome.relations, errors: null, orphan: false });
        changes.added.push({
          entityId,
          entityRef: ref,
          ...identity,
          sourceKey: item.sourceKey,
          originKey,
          body,
          bodyHash,
          finalBody: provisional.json,
          etag: provisional.etag,
          relations: outcome.relations,
        });
        counts.added++;
      } else if (state.bodyHash !== bodyHash || state.sourceKey !== item.sourceKey || state.originKey !== originKey) {
        changes.changed.push({ entityId: state.entityId, entityRef: ref, ...identity, sourceKey: item.sourceKey, originKey, body, bodyHash, relations: outcome.relations });
        counts.changed++;
      } else if (state.errors !== null || state.orphan) {
        changes.statusChanged.push({ entityId: state.entityId, entityRef: ref, errors: null });
        counts.statusChanged++;
      } else counts.unchanged++;
    }

    return {
      changes,
      commit: () => {
        for (const [ref, source] of claimed) {
          this.claimed.set(ref, source);
          this.emitted.add(ref);
        }
        for (const source of problemSources) this.sourcesWithProblems.add(source);
        for (const ref of storedRefs) this.stored.add(ref);
        this.problems.push(...problems);
        this.conflicts.push(...conflicts);
        this.collected.push(...collected);
        this.counts.added += counts.added;
        this.counts.changed += counts.changed;
        this.counts.statusChanged += counts.statusChanged;
        this.counts.unchanged += counts.unchanged;
      },
    };
  }
}

/** `location:file:/x.yaml` → `file:/x.yaml`; providers stay as they are. */
export function displaySource(sourceKey: string): string {
  return sourceKey.startsWith('location:') ? sourceKey.slice('location:'.length) : sourceKey;
}

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Another replica may store the same new ref between our read and our insert: judge again. */
async function withUniqueRetry(run: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await run();
      return;
    } catch (error) {
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}
