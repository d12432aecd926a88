import type { EventsService } from '@portico/server';
import { taskEventsTopic } from './topics.js';

/**
 * Tells open event streams of this replica that a task has new events, whichever replica wrote
 * them (the topic crosses replicas on PostgreSQL). Streams also poll, so a lost notification
 * only delays them.
 */
export class TaskEventFeed {
  readonly #listeners = new Map<string, Set<() => void>>();
  readonly #closers = new Set<() => void>();
  readonly #unsubscribe: () => void;

  constructor(events: EventsService) {
    this.#unsubscribe = events.subscribe(taskEventsTopic, ({ taskId }) => {
      for (const listener of this.#listeners.get(taskId) ?? []) listener();
    });
  }

  /** Calls `onEvents` when the task has new events, until the returned function is called. */
  listen(taskId: string, onEvents: () => void, onClose: () => void): () => void {
    const set = this.#listeners.get(taskId) ?? new Set();
    set.add(onEvents);
    this.#listeners.set(taskId, set);
    this.#closers.add(onClose);
    return () => {
      set.delete(onEvents);
      if (set.size === 0) this.#listeners.delete(taskId);
      this.#closers.delete(onClose);
    };
  }

  /** Ends every open stream (the server is shutting down). */
  closeAll(): void {
    for (const close of [...this.#closers]) close();
  }

  stop(): void {
    this.closeAll();
    this.#unsubscribe();
  }
}
