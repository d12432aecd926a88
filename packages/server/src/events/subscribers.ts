import { toError } from '@portico/model';
import type { Logger } from 'pino';
import type { EventHandler } from '../plugin-api/index.js';

interface Subscription {
  readonly pluginId: string | undefined;
  readonly handler: EventHandler<unknown>;
}

/**
 * The handlers in this process, by topic. Each handler runs on its own turn of the event loop
 * with its own copy of the payload, so a slow, failing or mutating handler affects neither the
 * publisher nor the other handlers.
 */
export class Subscribers {
  private readonly byTopic = new Map<string, Set<Subscription>>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  add(topic: string, pluginId: string | undefined, handler: EventHandler<unknown>): () => void {
    const subscription: Subscription = { pluginId, handler };
    let subscriptions = this.byTopic.get(topic);
    if (!subscriptions) this.byTopic.set(topic, (subscriptions = new Set()));
    subscriptions.add(subscription);
    return () => {
      subscriptions.delete(subscription);
      if (subscriptions.size === 0 && this.byTopic.get(topic) === subscriptions) this.byTopic.delete(topic);
    };
  }

  deliver(topic: string, payloadJson: string | undefined): void {
    const subscriptions = this.byTopic.get(topic);
    if (!subscriptions) return;
    for (const subscription of [...subscriptions]) {
      const delivery = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => subscription.handler(payloadJson === undefined ? undefined : JSON.parse(payloadJson)))
        .then(
          () => undefined,
          (error: unknown) => {
            this.logger.error(
              { topic, plugin: subscription.pluginId, err: toError(error) },
              `A handler of event '${topic}'${subscription.pluginId ? ` in plugin '${subscription.pluginId}'` : ''} failed`,
            );
          },
        )
        .finally(() => this.inFlight.delete(delivery));
      this.inFlight.add(delivery);
    }
  }

  /** Waits for running handlers, at most `timeoutMs`; returns how many are still running. */
  async settle(timeoutMs: number): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.all([...this.inFlight]), timedOut]);
    clearTimeout(timer);
    return this.inFlight.size;
  }
}
